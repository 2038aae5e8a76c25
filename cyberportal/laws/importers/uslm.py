"""Read the United States Government Publishing Office's USLM XML (public laws and bills, <pLaw>/<bill>),
a national schema like Justice Canada's: sections with headings, subsections and paragraphs, the approval
line and legislative history as end matter. Side notes and page breaks are the printer's, not text."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .identity import find_dates
from .parsed import Amendment, ImportError_, ParsedLaw, ParsedProvision
from .xmltext import element_words, local_name

NS = "http://schemas.gpo.gov/xml/uslm"
CONTAINERS = {
    "title": "title", "subtitle": "part", "part": "part", "subpart": "chapter", "division": "part",
    "subdivision": "chapter", "chapter": "chapter", "subchapter": "section",
}  # fmt: skip
UNITS = ("subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem")
# The printer's furniture inside the text: margin notes and page numbers ("131 STAT. 14").
FURNITURE = ("sidenote", "page", "footnote", "note")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _words(element) -> str:
    return element_words(element, skip=lambda child: local_name(child) in FURNITURE)


def _number(element) -> str:
    num = element.find(_q("num"))
    if num is None:
        return ""
    return (num.get("value") or re.sub(r"^(?:SECTION|SEC\.)\s*", "", _words(num), flags=re.I)).strip(" .")


def _own_text(element) -> str:
    """The unit's own words (chapeau, content, continuation), without its sub-units."""
    return "\n".join(
        _words(child)
        for child in element
        if local_name(child) in ("chapeau", "content", "continuation", "text")
    )


# "Section 33 of the Science and Engineering Equal Opportunities Act (42 U.S.C. 1885a) is amended—"
AMENDED_RE = re.compile(
    r"\b(?:section|subsection)\s+(\d+[A-Za-z]?)(?:\([^)]*\))*\s+of\s+(?:the\s+)?(.+?\bAct)\b", re.I
)
# Amending actions that take words or units out before the quoted ones go in: a substitution.
REMOVING = {"delete", "strikeOut", "strikeAndInsert", "substitute", "repealAndReplace"}


def _inside_quote(element, stop=None) -> bool:
    return any(local_name(a) == "quotedContent" for a in element.iterancestors() if a is not stop)


def _amendments(main, law: ParsedLaw) -> None:
    """The units a section puts inside <quotedContent> are new wordings of the Act its words name
    ("by adding at the end the following new paragraph: “(12) …”"), never provisions of this law."""
    own = [i for i, p in enumerate(law.provisions) if p.kind == "article"]
    sections = [s for s in main.iter(_q("section")) if not _inside_quote(s)]
    for by_index, section in zip(own, sections, strict=False):
        for quoted in section.iter(_q("quotedContent")):
            if _inside_quote(quoted, stop=section):
                continue
            holder = quoted.getparent()
            while local_name(holder) not in (*UNITS, "section"):
                holder = holder.getparent()
            # The amended Act is named in the chapeaux above ("Section 33 of the … Act is amended—")
            # or in the unit's own words.
            chapeaux = [_words(c) for a in holder.iterancestors() for c in a.findall(_q("chapeau"))]
            said = " ".join([*reversed(chapeaux), _own_text(holder)])
            cited = AMENDED_RE.search(said)
            kinds = {a.get("type", "") for a in holder.iter(_q("amendingAction"))}
            amendment = Amendment(
                code_name=cited.group(2) if cited else law.title,
                action="replace" if kinds & REMOVING else "insert",
                by_index=by_index,
                article=cited.group(1) if cited else "",
                line=quoted.sourceline or 0,
            )
            for unit in quoted:
                name = local_name(unit)
                if name != "section" and name not in UNITS:
                    continue
                number = _number(unit)
                if name != "section" and amendment.article:
                    number = f"{amendment.article}({number})"  # "33(12)": as the amended Act cites it
                amendment.provisions.append(
                    ParsedProvision(
                        kind="article",
                        number=number,
                        heading=_words(unit.find(_q("heading"))).strip('“”"'),
                        text=_own_text(unit).strip().strip('“”"').strip(),
                        line=unit.sourceline or 0,
                        language=law.language,
                    )
                )
            if amendment.provisions:
                law.amendments.append(amendment)


def parse_uslm(root) -> ParsedLaw:
    law = ParsedLaw(source_format="uslm-xml")
    law.language = (
        (root.findtext(".//{http://purl.org/dc/elements/1.1/}language") or "en").strip().lower()[:2]
    )
    law.law_type = "bill" if local_name(root) == "bill" else "act"
    law.identifier = (root.findtext(f"{_q('meta')}/{_q('citableAs')}") or "").strip()
    law.number = (root.findtext(f"{_q('preface')}/{_q('docNumber')}") or "").strip()
    short = root.find(f".//{_q('shortTitle')}")
    law.title = (
        _words(short).strip('“”"') if short is not None else _words(root.find(f".//{_q('officialTitle')}"))
    )
    main = root.find(_q("main"))
    if main is None:
        raise ImportError_(_("XML (USLM): <main> is missing."))

    def walk(element, parent):
        for child in element:
            name = local_name(child)
            if name in CONTAINERS or name == "section" or name in UNITS:
                kind = CONTAINERS.get(name) or ("article" if name == "section" else "paragraph")
                num = _words(child.find(_q("num")))
                law.provisions.append(
                    ParsedProvision(
                        kind=kind,
                        number=_number(child)
                        if kind == "article"
                        else (num if kind == "paragraph" else _number(child)),
                        heading=_words(child.find(_q("heading"))),
                        text=_own_text(child),
                        parent_index=parent,
                        line=child.sourceline or 0,
                        language=law.language,
                        notes=[_words(n) for n in child.findall(_q("sidenote"))],
                    )
                )
                walk(child, len(law.provisions) - 1)

    walk(main, None)
    _amendments(main, law)
    end = [_words(a) for a in main.iter(_q("actionDescription"))]
    history = root.find(_q("legislativeHistory"))
    if history is not None:
        end.append(" ".join(history.itertext()).strip())
    law.end_matter = "\n".join(" ".join(line.split()) for line in end if line)
    for line in end[:1]:
        dates = find_dates(line)
        if dates:
            law.dates["enacted"] = dates[0]
            law.year = dates[0].year
    slug = re.sub(r"[^0-9a-z-]", "", law.number.lower().replace("–", "-"))
    if law.year and slug:
        law.frbr_uri = f"/akn/us/{law.law_type}/{law.year}/{slug}"
    else:
        law.warnings.append(_("The document gives no year or chapter; give them before saving."))
    if not any(p.kind == "article" for p in law.provisions):
        raise ImportError_(_("XML (USLM): <main> contains no <section>."))
    law.confidence = 1.0
    return law
