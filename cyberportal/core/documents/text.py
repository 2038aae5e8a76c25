"""Plain text: the encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, else cp1252 / latin-1)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .base import Document, DocumentError, numbered


def decode(name: str, data: bytes) -> str:
    """The text of bytes in the encodings statutes are published in; DocumentError for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise DocumentError(_("the file contains binary data; is it really text?"), name=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Windows' Western encoding is what Word's “Save as text” writes in the Americas.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1")


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_txt(name: str, data: bytes) -> Document:
    return Document(name=name, format="txt", lines=numbered(split_lines(decode(name, data))))
