"""Read an Akoma Ntoso 3.0 act into parsed data (the export in `exporters.py` writes the same shape)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from lxml import etree

from .parsed import ImportError_, ParsedLaw, ParsedProvision

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LANG_3_TO_2 = {"spa": "es", "por": "pt", "eng": "en", "fra": "fr"}
LANG_2_TO_3 = {v: k for k, v in LANG_3_TO_2.items()}
# Akoma Ntoso hierarchy elements and the provision kind each becomes.
HIERARCHY = {
    "book": "part", "part": "part", "title": "title", "chapter": "chapter", "section": "section",
    "article": "article", "paragraph": "paragraph", "subsection": "paragraph", "point": "paragraph",
}  # fmt: skip


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _body_text(element) -> str:
    """The paragraphs of an element's own <intro>/<content>/<wrapUp>, one per line."""
    lines = []
    for part in ("intro", "content", "wrapUp"):
        block = element.find(_q(part))
        if block is not None:
            ps = block.findall(f".//{_q('p')}")
            lines += [_text(p) for p in ps] if ps else [_text(block)]
    return "\n".join(line for line in lines if line)


def parse_akn(data: bytes) -> ParsedLaw:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ImportError_(
            _("XML: not well-formed at line %(line)s: %(error)s") % {"line": error.lineno, "error": error.msg}
        ) from error
    if etree.QName(root).localname != "akomaNtoso" or etree.QName(root).namespace != NS:
        raise ImportError_(
            _(
                "XML: the root element is <%(element)s> (line %(line)s); expected an Akoma Ntoso 3.0 <akomaNtoso> document."
            )
            % {"element": etree.QName(root).localname, "line": root.sourceline}
        )
    act = root.find(_q("act"))
    if act is None:
        raise ImportError_(_("XML: no <act> element under <akomaNtoso>; only acts are imported."))
    work = act.find(f"{_q('meta')}/{_q('identification')}/{_q('FRBRWork')}")
    if work is None:
        raise ImportError_(_("XML: <meta>/<identification>/<FRBRWork> is missing."))

    def value(parent, tag, attribute="value"):
        element = parent.find(_q(tag)) if parent is not None else None
        return element.get(attribute, "") if element is not None else ""

    law = ParsedLaw(source_format="akn")
    law.frbr_uri = value(work, "FRBRuri")
    if not law.frbr_uri.startswith("/akn/"):
        raise ImportError_(
            _("XML: FRBRWork/FRBRuri “%(uri)s” is not an /akn/ work URI.") % {"uri": law.frbr_uri}
        )
    parts = law.frbr_uri.strip("/").split("/")
    law.law_type = parts[2] if len(parts) > 2 else "act"
    law.number = value(work, "FRBRnumber") or (parts[-1] if len(parts) > 4 else "")
    date = value(work, "FRBRdate", "date")
    year = date[:4] if date[:4].isdigit() else (parts[3] if len(parts) > 3 and parts[3].isdigit() else "")
    law.year = int(year) if year else None
    law.identifier = value(work, "FRBRname")
    expression = act.find(f"{_q('meta')}/{_q('identification')}/{_q('FRBRExpression')}")
    law.language = LANG_3_TO_2.get(value(expression, "FRBRlanguage", "language"), "en")
    title = act.find(f".//{_q('preface')}//{_q('docTitle')}")
    law.title = _text(title) or law.identifier
    number = act.find(f".//{_q('preface')}//{_q('docNumber')}")
    if number is not None and not law.identifier:
        law.identifier = _text(number)
    body = act.find(_q("body"))
    if body is None:
        raise ImportError_(_("XML: the act has no <body>."))

    def walk(element, parent_index):
        for child in element:
            if not isinstance(child.tag, str):
                continue
            kind = HIERARCHY.get(etree.QName(child).localname)
            if kind is None:
                continue
            item = ParsedProvision(
                kind=kind,
                number=_text(child.find(_q("num"))).rstrip("."),
                heading=_text(child.find(_q("heading"))),
                text=_body_text(child),
                parent_index=parent_index,
                line=child.sourceline or 0,
                language=law.language,
            )
            law.provisions.append(item)
            walk(child, len(law.provisions) - 1)

    walk(body, None)
    if not any(p.kind == "article" for p in law.provisions):
        raise ImportError_(
            _("XML: the <body> (line %(line)s) contains no <article>.") % {"line": body.sourceline}
        )
    return law
