"""Word (.docx): paragraphs and tables in reading order, footnotes as notes, and Word's automatic list
numbering written out as the reader sees it printed.

Automatic numbers are not in a paragraph's text: the paragraph (or its style) points with `w:numPr` to a
numbering instance in numbering.xml, whose abstract definition gives per level the start value, the format
(decimal, lowerLetter, upperRoman…) and the pattern (`%1.`, `(%2)`). We count as Word does: per instance,
a deeper level restarting when a shallower one advances.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from cyberportal.core.uploads import UploadRefused, check_zip

from .base import Document, DocumentError, Line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element, tag: str, default=None):
    child = element.find(_w(tag)) if element is not None else None
    return child.get(_w("val")) if child is not None else default


def _roman(number: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while number >= value:
            out += numeral
            number -= value
    return out


def _letters(number: int) -> str:
    # Word's letter numbering repeats the letter after z: a…z, aa…zz, aaa…
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(number)  # decimal and the formats we do not spell out


class Numbering:
    """Word's list numbering: the printed label of each numbered paragraph, in document order."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}  # numId -> ilvl -> {start, fmt, text}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for item in root.findall(_w("abstractNum")):
            abstract[item.get(_w("abstractNumId"))] = {
                int(level.get(_w("ilvl"), "0")): {
                    "start": int(_val(level, "start", "1") or 1),
                    "fmt": _val(level, "numFmt", "decimal"),
                    "text": _val(level, "lvlText", ""),
                }
                for level in item.findall(_w("lvl"))
            }
        for num in root.findall(_w("num")):
            levels = {k: dict(v) for k, v in abstract.get(_val(num, "abstractNumId"), {}).items()}
            for override in num.findall(_w("lvlOverride")):
                start = _val(override, "startOverride")
                if start is not None:
                    levels.setdefault(int(override.get(_w("ilvl"), "0")), {"fmt": "decimal", "text": ""})
                    levels[int(override.get(_w("ilvl"), "0"))]["start"] = int(start)
            self.levels[num.get(_w("numId"))] = levels

    @staticmethod
    def num_pr(paragraph):
        """The paragraph's own numbering, else its style's (Word's “List Number” style carries one)."""
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = paragraph.style
        while style is not None:
            style_pr = style.element.pPr
            if style_pr is not None and style_pr.numPr is not None:
                return style_pr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        num_pr = self.num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id = num_pr.numId.val if num_pr.numId is not None else None
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        levels = self.levels.get(str(num_id))
        if not levels or str(num_id) == "0" or level not in levels:
            return ""  # numId 0 switches numbering off
        counters = self.counters.setdefault(str(num_id), {})
        counters[level] = counters.get(level, levels[level].get("start", 1) - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        pattern = levels[level].get("text") or ""
        if levels[level].get("fmt") == "bullet" or not pattern:
            return ""
        for index in range(9):
            if f"%{index + 1}" in pattern:
                spec = levels.get(index, {"start": 1, "fmt": "decimal"})
                value = counters.get(index, spec.get("start", 1))
                pattern = pattern.replace(f"%{index + 1}", format_number(value, spec.get("fmt", "decimal")))
        return pattern


def _footnotes(document) -> list[str]:
    from lxml import etree

    notes = []
    for rel in document.part.rels.values():
        if rel.reltype != FOOTNOTES_RELTYPE:
            continue
        root = etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False))
        for note in root.findall(_w("footnote")):
            if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(
                "".join(t.text or "" for t in p.iter(_w("t"))).strip() for p in note.iter(_w("p"))
            ).strip()
            if text:
                notes.append(f"[{note.get(_w('id'))}] {text}")
    return notes


def read_docx(name: str, data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        check_zip(name, data)  # entries, unpacked size and ratio, before python-docx unpacks anything
    except UploadRefused as error:
        raise DocumentError(str(error)) from error
    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(
            _("the file is not a valid Word document (%(error)s).") % {"error": error.__class__.__name__},
            name=name,
        ) from error
    numbering = Numbering(word)
    properties = word.core_properties
    metadata = {key: getattr(properties, key) for key in ("title", "subject") if getattr(properties, key)}
    document = Document(name=name, format="docx", notes=_footnotes(word), metadata=metadata)
    number = 0
    for block in word.iter_inner_content():
        if isinstance(block, Paragraph):
            number += 1
            label = numbering.label(block)
            text = block.text
            document.lines.append(Line(f"{label} {text}".strip() if label else text, number))
        elif isinstance(block, Table):
            # A table becomes one line per row, cells separated as a reader scans them.
            for row in block.rows:
                number += 1
                cells = []
                for cell in row.cells:
                    value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                document.lines.append(Line(" | ".join(cells), number))
    return document
