"""Turn an uploaded law (text, DOCX, PDF text layer or Akoma Ntoso XML) into plain parsed data.

The upload form and `manage.py import_law` both call `parse_upload`, so they cannot disagree.
Nothing here touches the database.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import asdict

from django.utils.translation import gettext as _

from cyberportal.core.uploads import UploadRefused, check_zip

from .parsed import ImportError_, ParsedLaw
from .text import parse_text

SUPPORTED = (".txt", ".docx", ".pdf", ".xml")


def _extension(name: str) -> str:
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def _read_txt(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportError_(_("TXT: the file contains binary data; is it really plain text?"))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            last = error
    raise ImportError_(_("TXT: cannot decode the text at byte %(byte)s.") % {"byte": last.start})


def _read_docx(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_zip("DOCX", data)
    except UploadRefused as error:
        raise ImportError_(str(error)) from error
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportError_(
            _("DOCX: the file is not a valid Word document (%(error)s).")
            % {"error": error.__class__.__name__}
        ) from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ImportError_(
            _("PDF: the file is damaged or not a PDF (%(error)s).") % {"error": error.__class__.__name__}
        ) from error
    if not "".join(pages).strip():
        raise ImportError_(
            _("PDF: none of its %(n)s page(s) has a text layer (a scanned image?); run OCR first.")
            % {"n": len(pages)}
        )
    return "\n".join(pages)


def parse_upload(name: str, data: bytes) -> ParsedLaw:
    """Parse a file by its extension; raises ImportError_ with a message naming what failed."""
    extension = _extension(name)
    if extension not in SUPPORTED:
        raise ImportError_(
            _("Unsupported file type “%(type)s”: upload .txt, .docx, .pdf or Akoma Ntoso .xml.")
            % {"type": extension or name}
        )
    if not data:
        raise ImportError_(_("%(type)s: the file is empty.") % {"type": extension[1:].upper()})
    if extension == ".xml":
        from .akn import parse_akn

        return parse_akn(data)
    reader = {".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf}[extension]
    return parse_text(reader(data), source_format=extension[1:])


def parse_for_job(name: str, data: bytes) -> dict:
    """`parse_upload` as plain data, for the background import job (core/imports.py)."""
    return asdict(parse_upload(name, data))


def parsed_from_data(data: dict) -> ParsedLaw:
    """The ParsedLaw that `parse_for_job` turned into data."""
    from .parsed import Amendment, ParsedProvision

    data = dict(data)
    provisions = [ParsedProvision(**p) for p in data.pop("provisions")]
    amendments = [
        Amendment(
            code_name=a["code_name"],
            action=a["action"],
            by_index=a["by_index"],
            article=a.get("article", ""),
            line=a.get("line", 0),
            provisions=[ParsedProvision(**p) for p in a["provisions"]],
        )
        for a in data.pop("amendments")
    ]
    return ParsedLaw(provisions=provisions, amendments=amendments, **data)


__all__ = ["ImportError_", "ParsedLaw", "parse_for_job", "parse_upload", "parse_text", "parsed_from_data"]
