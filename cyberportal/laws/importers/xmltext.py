"""Reading words out of legislative XML, shared by the Akoma Ntoso, Justice Canada and USLM readers."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree


def local_name(element) -> str:
    """The tag without its namespace; "" for comments and processing instructions."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def element_words(element, skip: Callable[[object], bool] = lambda child: False) -> str:
    """An element's words on one line, leaving out the children `skip` names (notes, nested units,
    the printer's furniture) but keeping the text that follows them; soft hyphens removed."""
    if element is None:
        return ""
    parts = []

    def collect(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not skip(child):
                collect(child)
            if child.tail:
                parts.append(child.tail)

    collect(element)
    return " ".join("".join(parts).replace("\xad", "").split())
