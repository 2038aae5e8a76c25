"""HTML as official gazettes publish it online: navigation, scripts and styles dropped, each block element
(paragraph, heading, list item, table row, line break) a line of its own."""

from __future__ import annotations

import lxml.html
from django.utils.translation import gettext as _
from lxml import etree

from .base import Document, DocumentError, numbered

DROP = ("script", "style", "nav", "noscript", "template", "iframe", "form", "button", "select", "head")
BLOCKS = {
    "p", "div", "section", "article", "main", "aside", "header", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote", "pre", "center", "address",
    "figcaption", "hr", "body",
}  # fmt: skip
CELLS = {"td", "th"}


def read_html(name: str, data: bytes) -> Document:
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(
            _("the file is not readable HTML (%(error)s).") % {"error": error}, name=name
        ) from error
    metadata = {}
    title = root.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        metadata["title"] = title.text_content().strip()
    for element in list(root.iter(*DROP, etree.Comment)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
        elif tag in CELLS:
            element.tail = " | " + (element.tail or "")
    text = root.text_content().replace("\xa0", " ")
    lines = [" ".join(line.split()).strip(" |").strip() for line in text.split("\n")]
    # Collapse the runs of blank lines nested blocks leave, keeping one as a paragraph break.
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return Document(name=name, format="html", lines=numbered(kept), metadata=metadata)
