"""One document reader for every importer: a file in, a `Document` (numbered lines, metadata, notes) out.

Laws and recommendations both read uploads through `read_document`, so a Word list, a PDF's running
header or a Markdown front matter is handled once, the same way, with one error class. One module per
format sits behind the same signature `read(name, data) -> Document` (the layout of Indigo's importers).
The structure of what was read (articles, recommendations) is each importer's business, not this one's.
"""

from __future__ import annotations

from .base import Document, DocumentError, Line
from .language import detect_language

FORMATS = {
    ".txt": "cyberportal.core.documents.text.read_txt",
    ".md": "cyberportal.core.documents.markdown.read_markdown",
    ".markdown": "cyberportal.core.documents.markdown.read_markdown",
    ".docx": "cyberportal.core.documents.word.read_docx",
    ".pdf": "cyberportal.core.documents.pdf.read_pdf",
    ".html": "cyberportal.core.documents.html.read_html",
    ".htm": "cyberportal.core.documents.html.read_html",
    ".xml": "cyberportal.core.documents.xml.read_xml",
}


def extension(name: str) -> str:
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in (name or "") else ""


def read_document(name: str, data: bytes, *, accept: tuple[str, ...] | None = None) -> Document:
    """Read an uploaded file by its extension; `accept` narrows the formats an importer takes.

    Raises DocumentError naming the file and the problem. The language is detected on the body text.
    """
    from django.utils.module_loading import import_string
    from django.utils.translation import gettext as _

    suffix = extension(name)
    allowed = tuple(accept or FORMATS)
    if suffix not in allowed or suffix not in FORMATS:
        raise DocumentError(
            _("unsupported file type “%(type)s”: upload %(allowed)s.")
            % {"type": suffix or name, "allowed": ", ".join(allowed)},
            name=name,
        )
    if not data:
        raise DocumentError(_("the file is empty."), name=name)
    document = import_string(FORMATS[suffix])(name, data)
    if not document.language:
        document.language = detect_language(document.text[:20000])
    return document


__all__ = ["FORMATS", "Document", "DocumentError", "Line", "detect_language", "extension", "read_document"]
