"""HTML as official gazettes publish it online: navigation, scripts and styles dropped, each block element
(paragraph, heading, list item, table row, line break) a line of its own."""

from __future__ import annotations

import codecs
import re

import lxml.html
from django.utils.translation import gettext as _
from lxml import etree

from .base import Document, DocumentError, numbered
from .text import decode

CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)

DROP = ("script", "style", "nav", "noscript", "template", "iframe", "form", "button", "select", "head")
BLOCKS = {
    "p", "div", "section", "article", "main", "aside", "header", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote", "pre", "center", "address",
    "figcaption", "hr", "body",
}  # fmt: skip
CELLS = {"td", "th"}


def read_html(name: str, data: bytes) -> Document:
    # Gazettes declare their charset (often windows-1252) or none; undeclared bytes are read as text is.
    declared = CHARSET_RE.search(data[:4096])
    try:
        charset = codecs.lookup(declared.group(1).decode("ascii")).name if declared else None
    except LookupError:
        charset = None
    markup = data.decode(charset, errors="replace") if charset else decode(name, data)
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses a declaration in a str
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(
            _("the file is not readable HTML (%(error)s).") % {"error": error}, name=name
        ) from error
    metadata = _metadata(root)
    # The page's own heading names the document: the <h1> of its <main> or <article> (a site's menu has
    # an <h1> too), else its only <h1>.
    main_h1 = root.xpath("(//main//h1 | //article//h1)[1]")
    every_h1 = root.xpath("//h1")
    page_h1 = main_h1[0] if main_h1 else every_h1[0] if len(every_h1) == 1 else None
    page_title = " ".join(page_h1.text_content().split()) if page_h1 is not None else ""
    for element in list(root.iter(*DROP, etree.Comment)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        # A newline in the source is a space in HTML; only blocks and <br> break lines.
        if tag != "pre" and element.text:
            element.text = re.sub(r"\s+", " ", element.text)
        if element.tail:
            element.tail = re.sub(r"\s+", " ", element.tail)
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
    return Document(name=name, format="html", lines=numbered(kept), metadata=metadata, title=page_title)


def _metadata(root) -> dict:
    """The page's <title> and the works its navigation says it is part of."""
    metadata = {}
    title = root.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        metadata["title"] = title.text_content().strip()
    part_of = _part_of(root)
    if part_of:
        metadata["part_of"] = part_of
    return metadata


def _part_of(root) -> list[str]:
    """The works a page is part of, outermost first, as its site's navigation prints them: the entries
    above the page's own (active) entry ("Constitución Política de 1993" above "Disposiciones finales").
    Nested lists put the parent's link in the <li> that holds the list; mdBook in the <li> before it."""
    active = root.xpath(
        "//a[contains(concat(' ', normalize-space(@class), ' '), ' active ') or @aria-current='page'][1]"
    )
    if not active:
        return []
    names = []
    for listing in active[0].iterancestors("ol", "ul"):
        holder = listing.getparent()
        if holder is None or holder.tag != "li":
            break
        link = holder.find("a")
        if link is None:
            previous = holder.getprevious()
            link = previous.find("a") if previous is not None and previous.tag == "li" else None
        if link is not None:
            name = re.sub(r"^\s*[\d.]+\s+", "", " ".join(link.text_content().split()))
            if name:
                names.append(name)
    return names[::-1]
