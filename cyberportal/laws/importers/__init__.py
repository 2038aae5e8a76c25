"""Turn an uploaded law (text, Markdown, DOCX, PDF text layer, HTML or Akoma Ntoso XML) into plain parsed data.

The upload form and `manage.py import_law` both call `parse_upload`, so they cannot disagree.
Nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from cyberportal.core.documents import Document, read_document

from .parsed import ImportError_, ParsedLaw
from .text import parse_text

# "Constitución Política de 1993", "Código Penal de 1940", "Criminal Code, 1985": a work's name and its year.
WORK_YEAR_RE = re.compile(
    r"\b(?:constituci[óo]n|constitui[çc][ãa]o|constitution|ley|lei|loi|law|act|c[óo]digo|code)\b"
    r"[^\n]{0,60}?\b((?:1[89]|20)\d{2})\b",
    re.IGNORECASE,
)
SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".xml")

# Front matter keys open-law repositories use (English and Spanish spellings), by ParsedLaw field.
FRONT_MATTER_KEYS = {
    "title": ("title", "titulo", "título", "nombre", "name"),
    "number": ("number", "numero", "número", "num"),
    "identifier": ("identifier", "identificador", "id"),
    "year": ("year", "año", "anio", "ano"),
    "date": ("date", "fecha", "fecha_publicacion", "fecha-publicacion", "publication_date", "data"),
    "law_type": ("type", "tipo"),
}

INSTRUMENT_KEY_RE = re.compile(
    r"^(constituci[óo]n|constitui[çc][ãa]o|constitution|ley|lei|loi|law|act|decreto|d[ée]cret|decree|"
    r"c[óo]digo|code)$",
    re.IGNORECASE,
)


def _front(metadata: dict, field: str):
    lowered = {str(key).lower(): value for key, value in metadata.items()}
    return next(
        (lowered[key] for key in FRONT_MATTER_KEYS[field] if lowered.get(key) not in (None, "")), None
    )


def _apply_metadata(law: ParsedLaw, document: Document) -> None:
    """What a Markdown file's front matter states wins over what the heading lines suggest."""
    metadata = document.metadata
    # Word and PDF properties are often a template's leftovers (“Microsoft Word - Documento1”).
    if not metadata or document.format != "md":
        return
    title = _front(metadata, "title")
    if title:
        law.title = str(title).strip()[:500]
    number = _front(metadata, "number")
    if number:
        law.number = str(number).strip()
    identifier = _front(metadata, "identifier")
    if identifier:
        law.identifier = str(identifier).strip()[:120]
    year, date = _front(metadata, "year"), _front(metadata, "date")
    if isinstance(date, datetime.datetime) or re.search(r"\dT\d\d:\d\d", str(date or "")):
        date = None  # a time of day: when a site generator wrote the page, not a date of the law
    if not year:
        # "constitucion: 1993": a key naming the kind of instrument, with a year as its value.
        year = next(
            (
                value
                for key, value in metadata.items()
                if INSTRUMENT_KEY_RE.match(str(key)) and re.fullmatch(r"(1[89]|20)\d\d", str(value).strip())
            ),
            None,
        )
    if isinstance(date, datetime.date):
        law.year = date.year
    elif date and re.search(r"\b(1[89]\d\d|20\d\d)\b", str(date)):
        law.year = int(re.search(r"\b(1[89]\d\d|20\d\d)\b", str(date)).group(1))
    if year and str(year).strip().isdigit():
        law.year = int(str(year).strip())
    kind = str(_front(metadata, "law_type") or "").lower()
    if kind.startswith(("decre", "decret")):
        law.law_type = "decree"
    elif kind.startswith(("ley", "law", "act", "lei", "loi")):
        law.law_type = "act"


def parse_upload(name: str, data: bytes) -> ParsedLaw:
    """Read a file with the core document reader and parse it; raises ImportError_ (the core
    DocumentError) with a message naming the file and what failed."""
    document = read_document(name, data, accept=SUPPORTED)
    if document.format == "xml":
        from .akn import parse_akn

        return parse_akn(document.raw)
    metadata = document.metadata if document.format == "md" else None
    law = parse_text(document.text, source_format=document.format, metadata=metadata, title=document.title)
    _apply_metadata(law, document)
    _year_of_work(law, document)
    return law


def _year_of_work(law: ParsedLaw, document: Document) -> None:
    """A page of a larger work (a Constitution's chapter on an open-law site) takes the year the work's
    name prints ("Constitución Política de 1993"), when the page itself prints none."""
    works = document.metadata.get("part_of") or []
    if works and law.identifier == law.title[:120]:
        law.identifier = works[-1][:120]  # the work cites the page, not the page's own heading
    if law.year is not None:
        return
    for name in reversed(works):
        found = WORK_YEAR_RE.search(name)
        if found:
            law.year = int(found.group(1))
            law.warnings = [w for w in law.warnings if w != _("The year could not be found; please give it.")]
            return


def parse_for_job(name: str, data: bytes) -> dict:
    """`parse_upload` as plain JSON data, for the background import job (core/imports.py)."""
    return parse_upload(name, data).to_data()


def parsed_from_data(data: dict) -> ParsedLaw:
    """The ParsedLaw that `parse_for_job` turned into data."""
    return ParsedLaw.from_data(data)


__all__ = ["ImportError_", "ParsedLaw", "parse_for_job", "parse_upload", "parse_text", "parsed_from_data"]
