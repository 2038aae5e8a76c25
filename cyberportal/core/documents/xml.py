"""XML: handed as bytes to the reader of its schema (the laws importer's Akoma Ntoso reader), which parses
it safely and names what it refuses; no text is guessed from markup here."""

from __future__ import annotations

from .base import Document


def read_xml(name: str, data: bytes) -> Document:
    return Document(name=name, format="xml", raw=data)
