"""Markdown as open-law repositories publish statutes: YAML front matter becomes metadata, and the
markup (headings, emphasis, links, escapes, tables) is taken off the words so no importer, and no page,
ever shows a `**` or a `title:` line. Footnote definitions (`[^1]: …`) become notes."""

from __future__ import annotations

import re

import yaml
from django.utils.translation import gettext as _

from .base import Document, DocumentError, Line
from .text import decode, split_lines

FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")
ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
SETEXT_RE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
BULLET_RE = re.compile(r"^(\s*)[-+*]\s+")
QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
FOOTNOTE_DEF_RE = re.compile(r"^\s{0,3}\[\^([^\]]+)\]:\s*(.*)$")
FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]]+\]")
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
REFERENCE_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>]+)>")
STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS_RE = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
STRIKE_RE = re.compile(r"~~(.+?)~~")
CODE_RE = re.compile(r"`+([^`]*)`+")
TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
HTML_TAG_RE = re.compile(r"</?(?:br|span|div|p|sup|sub|em|strong|b|i|u)\b[^>]*>", re.IGNORECASE)
# Escaped characters are parked on private-use code points so the markup rules cannot see them.
PARK = 0xE000


def _park(match: re.Match) -> str:
    return chr(PARK + ord(match.group(1)))


def _unpark(text: str) -> str:
    return re.sub("[\ue000-\ue0ff]", lambda m: chr(ord(m.group(0)) - PARK), text)


def front_matter(name: str, lines: list[str]) -> tuple[dict, int]:
    """The YAML mapping between the opening and closing `---`, and the number of lines it takes."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    end = next((i for i in range(1, len(lines)) if FRONT_MATTER_END.match(lines[i])), None)
    if end is None:
        raise DocumentError(_("the front matter opened by “---” is never closed."), name=name, line=1)
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DocumentError(
            _("the YAML front matter cannot be read (%(problem)s).")
            % {"problem": getattr(error, "problem", None) or error.__class__.__name__},
            name=name,
            line=(mark.line + 2) if mark else 1,
        ) from error
    if not isinstance(data, dict):
        raise DocumentError(_("the front matter is not a list of “key: value” lines."), name=name, line=2)
    return data, end + 1


def strip_inline(text: str) -> str:
    """The words of one Markdown line without its inline markup."""
    text = ESCAPE_RE.sub(_park, text)
    text = IMAGE_RE.sub(r"\1", text)
    text = LINK_RE.sub(lambda m: m.group(1) or m.group(2), text)
    text = AUTOLINK_RE.sub(r"\1", text)
    text = FOOTNOTE_REF_RE.sub("", text)
    text = CODE_RE.sub(r"\1", text)
    text = HTML_TAG_RE.sub("", text)
    for _round in range(2):  # ***both*** and nested emphasis
        text = STRONG_RE.sub(r"\2", text)
        text = EMPHASIS_RE.sub(r"\2", text)
    text = STRIKE_RE.sub(r"\1", text)
    return _unpark(text).rstrip()


def _table_row(text: str) -> str:
    cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
    return " | ".join(cells)


def read_markdown(name: str, data: bytes) -> Document:
    raw = split_lines(decode(name, data))
    metadata, skip = front_matter(name, raw)
    # Lines without words (front matter, notes, fences) stay as blanks, so line N of `text` is line N
    # of the file and parsers' messages point at the right line.
    document = Document(
        name=name, format="md", metadata=metadata, lines=[Line("", n) for n in range(1, skip + 1)]
    )
    in_fence = False
    for number, line in enumerate(raw[skip:], start=skip + 1):
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
            document.lines.append(Line("", number))
            continue
        if in_fence:
            document.lines.append(Line(line, number))
            continue
        note = FOOTNOTE_DEF_RE.match(line)
        if note:
            document.notes.append(f"[{note.group(1)}] {strip_inline(note.group(2))}")
            document.lines.append(Line("", number))
            continue
        if REFERENCE_DEF_RE.match(line) or line.strip().startswith("<!--"):
            document.lines.append(Line("", number))
            continue
        if RULE_RE.match(line) or (SETEXT_RE.match(line) and document.lines and document.lines[-1].text):
            # A thematic break or the underline of a heading: layout, not words.
            document.furniture.append(Line(line.strip(), number))
            document.lines.append(Line("", number))
            continue
        if TABLE_SEPARATOR_RE.match(line) and "|" in line:
            document.lines.append(Line("", number))
            continue
        text = QUOTE_RE.sub("", line)
        heading = HEADING_RE.match(text)
        if heading:
            text = heading.group(1)
            # A level-1 heading above all the text names the document; later lines are its body.
            if text.strip() and line.lstrip().startswith("# ") and not any(x.text for x in document.lines):
                document.title = strip_inline(text).strip()
        text = BULLET_RE.sub(r"\1", text)
        if text.strip().startswith("|") and text.strip().endswith("|"):
            text = _table_row(text)
        document.lines.append(Line(strip_inline(text), number))
    return document


def plain_text(text: str) -> str:
    """Text stored before the reader cleaned imports (or pasted by hand) shown without Markdown: a leading
    YAML front matter block and heading, emphasis and link markup are dropped, the words kept."""
    if not text or not re.search(r"[*_#`\[\\]|^---", text, re.MULTILINE):
        return text
    lines = split_lines(text)
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if FRONT_MATTER_END.match(lines[i])), None)
        if end is not None:
            lines = lines[end + 1 :]
    out = []
    for line in lines:
        heading = HEADING_RE.match(line)
        out.append(strip_inline(heading.group(1) if heading else line))
    return "\n".join(out).strip("\n")
