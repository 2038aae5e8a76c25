"""A PDF's text layer, page by page, with the page furniture taken out of the body.

Gazettes and parliaments print a running header and footer on every page and a page number (“Page 3 of
12”, “- 3 -”, a lone “3”); left in, they land in the middle of an article. A line at the top or bottom of
a page that repeats (digits aside) on most pages, or a page-number line there, is furniture.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from django.utils.translation import gettext as _

from .base import Document, DocumentError, Line

PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:(?:page|página|pagina|pág\.?|p\.)\s*\d+(?:\s*(?:of|de|sur|/)\s*\d+)?|[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"|\d+\s*/\s*\d+)\s*$",
    re.IGNORECASE,
)
# A list label printed in its own column (“3.”, “b)”, “(iv)”): the text layer gives it a line of its own.
LONE_LABEL_RE = re.compile(
    r"^\s*(?:\(\s*(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})\s*\)|(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[.)])\s*$", re.I
)
# A line that opens with a list label (“1. A person…”, “(b) any…”) is a provision, however often it repeats.
LABELLED_RE = re.compile(
    r"^\s*(?:\(\s*(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})\s*\)|\d{1,3}[A-Z]{0,2}\.)\s+\S", re.I
)
EDGE = 3  # lines at the top and at the bottom of a page where furniture sits


def _shape(line: str) -> str:
    """A header line with its page number masked, so “Act 5 of 2020 — 3” repeats as “Act 5 of 2020 — #”."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _edges(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edge = max(1, min(EDGE, len(filled) // 4))  # a short last page is mostly body
    return set(filled[:edge] + filled[-edge:])


def split_furniture(pages: list[list[str]]) -> tuple[list[Line], list[Line]]:
    """(body, furniture) lines, each with its page and line number on the page."""
    counts = Counter()
    for lines in pages:
        counts.update({_shape(lines[i]) for i in _edges(lines)})
    threshold = max(2, (len(pages) + 1) // 2)
    # A repeated line needs words: a label such as “1.” opening every page is body, not a header.
    repeated = {
        shape
        for shape, count in counts.items()
        if count >= threshold and len(re.findall(r"[^\W\d_]", shape)) >= 3 and len(pages) > 1
    }
    body, furniture = [], []
    for page, lines in enumerate(pages, start=1):
        edges = _edges(lines)
        for index, line in enumerate(lines):
            item = Line(line.rstrip(), index + 1, page)
            if index in edges and (
                (_shape(line) in repeated and not LABELLED_RE.match(line)) or PAGE_NUMBER_RE.match(line)
            ):
                furniture.append(Line(line.strip(), index + 1, page))
            else:
                body.append(item)
    return body, furniture


def margin_notes(page) -> set[str]:
    """Texts printed in the left margin in a smaller type than the body: Commonwealth statutes' marginal
    notes (“Short title.”, “Interpretation.”). Labels (“1.”, “(a)”) also stand left of the text but are
    body, so they never count."""
    fragments: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            fragments.append((x, abs(size * (tm[0] or 1) * (cm[0] or 1)), text.strip()))

    page.extract_text(visitor_text=visit)
    if len(fragments) < 4:
        return set()
    weight = Counter()
    sizes = Counter()
    for x, size, text in fragments:
        weight[round(x / 6)] += len(text)
        sizes[round(size, 1)] += len(text)
    body_x = weight.most_common(1)[0][0] * 6
    body_size = sizes.most_common(1)[0][0]
    return {
        text
        for x, size, text in fragments
        if x < body_x - 36
        and size < body_size * 0.95
        and not LONE_LABEL_RE.match(text)
        and len(re.findall(r"[^\W\d_]", text)) >= 3
    }


def split_margins(lines: list[str], notes: set[str]) -> tuple[list[str], list[str]]:
    """The page's lines without its marginal notes, and the notes as printed."""
    body, found = [], []
    for line in lines:
        text = line.strip()
        for note in notes:
            if text == note:
                found.append(note)
                text = ""
            elif text.startswith(note + " "):
                found.append(note)
                text = text[len(note) :].strip()
            elif text.endswith(" " + note):
                found.append(note)
                text = text[: -len(note)].strip()
        if text or not line.strip():
            body.append(text if text != line.strip() else line)
    return body, found


def join_labels(body: list[Line]) -> list[Line]:
    """Put each lone list label back in front of the text printed beside it, as the reader sees it:
    with a hanging indent, “b.” and its text are separate strings and come out on separate lines."""
    joined: list[Line] = []
    pending: Line | None = None
    for item in body:
        if pending is not None:
            if item.text.strip() and item.page == pending.page and not LONE_LABEL_RE.match(item.text):
                joined.append(Line(f"{pending.text.strip()} {item.text.strip()}", pending.line, pending.page))
                pending = None
                continue
            joined.append(pending)
            pending = None
        if LONE_LABEL_RE.match(item.text):
            pending = item
        else:
            joined.append(item)
    if pending is not None:
        joined.append(pending)
    return joined


def page_lines(page) -> list[str]:
    """The page's lines as printed, rebuilt from the text's positions: Commonwealth bills set a section's
    number (“1.”, “18.(1)”) and a paragraph's label in a column of their own, which the plain text layer
    gives after the page's text; pypdf's layout mode puts each on the line it sits on. The columns' padding
    is collapsed to one space."""
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
    except (ValueError, KeyError, TypeError, ZeroDivisionError, IndexError):
        text = page.extract_text()  # an odd font's widths: the plain text layer is still worth having
    return [re.sub(r"\s{2,}", " ", line).strip() for line in (text or "").replace("\r\n", "\n").split("\n")]


def read_pdf(name: str, data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages, margins = [], []
        for number, page in enumerate(reader.pages, start=1):
            lines, notes = split_margins(page_lines(page), margin_notes(page))
            pages.append(lines)
            margins += [Line(note, 0, number) for note in notes]
        info = reader.metadata
        metadata = {"title": str(info.title)} if info is not None and info.title else {}
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(
            _("the file is damaged or not a PDF (%(error)s).") % {"error": error.__class__.__name__},
            name=name,
        ) from error
    if not any(line.strip() for lines in pages for line in lines):
        raise DocumentError(
            _("none of its %(n)s page(s) has a text layer (a scanned image?); run OCR first.")
            % {"n": len(pages)},
            name=name,
        )
    body, furniture = split_furniture(pages)
    body = join_labels(body)
    # A page break ends a paragraph: a blank line keeps readers from gluing two pages' lines.
    lines: list[Line] = []
    for item in body:
        if lines and item.page != lines[-1].page:
            lines.append(Line("", 0, item.page))
        lines.append(item)
    return Document(
        name=name, format="pdf", lines=lines, furniture=furniture, metadata=metadata, margin_notes=margins
    )
