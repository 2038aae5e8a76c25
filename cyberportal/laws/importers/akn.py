"""Read Akoma Ntoso 3.0 (and, as the example of a national schema, Justice Canada's XML) into parsed data.

Accepted AKN: bodies of <article> (civil law) or <section> (Commonwealth, the Laws.Africa style), with
<book>/<part>/<subpart>/<title>/<chapter>/<division> kept as containers; schedules in <attachments>
become provisions of kind "schedule" (their paragraphs below them); <authorialNote> goes to the
provision's notes; a <documentCollection> of one <act> per language (what `exporters.law_to_akn` writes
for a bilingual law) gives provisions in each language. The export's lifecycle, temporal data and
`urn:cyberportal:akn:1.0` records (status, mappings) are read back, so export -> import loses nothing.
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _
from lxml import etree

from .parsed import ImportError_, ParsedLaw, ParsedMapping, ParsedProvision
from .wordings import wordings_in_text
from .xmltext import element_words, local_name

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Cyberportal's own records inside <proprietary> (allowed by the schema: any other namespace).
EXT_NS = "urn:cyberportal:akn:1.0"
LANG_3_TO_2 = {"spa": "es", "por": "pt", "eng": "en", "fra": "fr"}
LANG_2_TO_3 = {v: k for k, v in LANG_3_TO_2.items()}
# The FRBRdate name the export uses when the law has no known date: it is not a date of the law.
EXPORT_DATE_NAME = "exported-no-known-date"
SOURCE_URI_ALIAS = "sourceUri"
# An FRBRdate named as the date of a version of the text (a consolidation, an expression), not the law's.
VERSION_DATE_RE = re.compile(r"versi[óo]n|expression|consolida|point.in.time", re.I)
EVENT_TYPES = {
    "enactment": "generation",
    "publication": "generation",
    "commencement": "generation",
    "amendment": "amendment",
    "repeal": "repeal",
}
# What an event's refersTo (or an FRBRdate's name) says about the law's dates.
DATE_KEYS = {
    "enactment": "enacted", "enacted": "enacted", "assent": "enacted", "signature": "enacted",
    "promulgation": "enacted", "publication": "published", "commencement": "in_force",
    "inforce": "in_force", "entryintoforce": "in_force", "repeal": "repealed",
}  # fmt: skip
# Akoma Ntoso hierarchy elements and the provision kind each becomes (section: see `_section_kind`).
HIERARCHY = {
    "book": "book", "part": "part", "subpart": "subpart", "title": "title", "chapter": "chapter",
    "division": "division", "section": "section", "article": "article", "paragraph": "paragraph",
    "subsection": "paragraph", "point": "paragraph", "subparagraph": "paragraph", "clause": "paragraph",
}  # fmt: skip
# Printed prefixes that are not part of the number: "Article 5" -> "5", "Sec. 3." -> "3".
NUM_PREFIX = re.compile(
    r"^\s*(?:art[íi]culo|article|artigo|art\.?|section|sec\.?|secci[óo]n|s\.|regulation|reg\.?|rule|"
    r"clause|cl[áa]usula|§+)\s*",
    re.IGNORECASE,
)
LAW_TYPES = {"act", "code", "decree", "regulation", "bill"}
LABEL_ONLY_RE = re.compile(NUM_PREFIX.pattern + r"(\d+[\w-]*)\s*[°º]?\.?\s*", re.IGNORECASE)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _text(element) -> str:
    """An element's words, without its authorial notes (they are kept apart as notes)."""
    return element_words(element, skip=lambda child: local_name(child) == "authorialNote")


def _notes(element) -> list[str]:
    return [_text_of_note(note) for note in element.iter(_q("authorialNote"))]


def _text_of_note(note) -> str:
    return " ".join("".join(note.itertext()).split())


def _number(element) -> str:
    return NUM_PREFIX.sub("", _text(element.find(_q("num")))).strip().rstrip(".").strip()


# Dates before this year are editors' placeholders ("0001-01-01" in Laws.Africa's <publication>), not
# dates of a law of the Americas: they are left unknown rather than stored.
EARLIEST_YEAR = 1500


def _date(value: str) -> datetime.date | None:
    try:
        date = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return date if date.year >= EARLIEST_YEAR else None


def _line(p) -> str:
    """A paragraph's text; the first paragraph of a list item starts with the item's number, "(a)"."""
    parent = p.getparent()
    if parent is not None and local_name(parent) == "item" and parent.find(_q("p")) is p:
        num = _text(parent.find(_q("num")))
        return f"{num} {_text(p)}".strip()
    return _text(p)


def _blocks(element) -> tuple[list[str], list[str]]:
    """Lines and notes of an element's own text: intro/content/wrapUp and Laws.Africa's hcontainers."""
    lines, notes = [], []
    for child in element:
        name = local_name(child)
        if name in ("intro", "content", "wrapUp"):
            # Paragraphs, list introductions and list items are lines of their own (document order);
            # the paragraphs of a note belong to the note.
            ps = [
                p
                for p in child.iter(_q("p"), _q("listIntroduction"), _q("listWrapUp"))
                if not any(local_name(a) == "authorialNote" for a in p.iterancestors())
            ]
            lines += [_line(p) for p in ps] if ps else [_text(child)]
            notes += _notes(child)
        elif name in ("hcontainer", "crossHeading") and child.get("name") != "schedule":
            if child.find(_q("heading")) is not None:
                lines.append(_text(child.find(_q("heading"))))
            if name == "crossHeading":
                lines.append(_text(child))
            more, more_notes = _blocks(child)
            lines += more
            notes += more_notes
    return [line for line in lines if line], notes


class _ActReader:
    """Reads one <act> (one expression, one language) into `law`, appending its provisions."""

    def __init__(self, act, law: ParsedLaw):
        self.act, self.law = act, law
        meta = act.find(_q("meta"))
        self.meta = meta
        self.events: dict[str, tuple[str, datetime.date | None]] = {}  # eId -> (kind, date)
        self.periods: dict[str, tuple[datetime.date | None, datetime.date | None]] = {}
        self.eids: dict[str, int] = {}
        self.placed_chars = 0

    def language(self) -> str:
        expression = self.meta.find(f"{_q('identification')}/{_q('FRBRExpression')}")
        element = expression.find(_q("FRBRlanguage")) if expression is not None else None
        code = element.get("language", "") if element is not None else ""
        # A language the portal does not offer is reported as it is (saving then asks for a choice).
        return LANG_3_TO_2.get(code, code)

    def read_lifecycle(self) -> None:
        for event in self.meta.iter(_q("eventRef")):
            # "#cmp_eng__enactment" in a multilingual export: the component's prefix is not the kind.
            refers = (event.get("refersTo") or "").lstrip("#").split("__")[-1]
            refers = refers.lower().replace("-", "").replace("_", "")
            kind = "repeal" if event.get("type") == "repeal" else refers
            self.events[event.get("eId", "")] = (kind, _date(event.get("date", "")))
        for group in self.meta.iter(_q("temporalGroup")):
            interval = group.find(_q("timeInterval"))
            if interval is None:
                continue
            start = self.events.get((interval.get("start") or "").lstrip("#"), ("", None))[1]
            end = self.events.get((interval.get("end") or "").lstrip("#"), ("", None))[1]
            self.periods[group.get("eId", "")] = (start, end)

    def walk(self, element, parent_index, section_kind: str) -> None:
        law = self.law
        for child in element:
            name = local_name(child)
            if name == "hcontainer" and child.get("name") == "schedule":
                kind = "schedule"
            elif name == "section":
                kind = section_kind
            else:
                kind = HIERARCHY.get(name)
            if kind is None:
                continue
            lines, notes = _blocks(child)
            start, end = self.periods.get((child.get("period") or "").lstrip("#"), (None, None))
            number, heading = _number(child), _text(child.find(_q("heading")))
            label = (
                LABEL_ONLY_RE.fullmatch(heading) if not number and kind in ("article", "section") else None
            )
            if label:  # <heading>Artículo 1</heading> and no <num>: the heading is the number
                number, heading = label.group(1), ""
            if number and lines:
                # The content repeating the printed label: "Artículo 1°.- El control…".
                repeated = re.match(
                    NUM_PREFIX.pattern + re.escape(number) + r"\s*[°º]?\s*\.?\s*[-–—]?\s*", lines[0], re.I
                )
                if repeated:
                    lines[0] = lines[0][repeated.end() :]
            item = ParsedProvision(
                kind=kind,
                number=number,
                heading=heading,
                text="\n".join(lines),
                parent_index=parent_index,
                line=child.sourceline or 0,
                language=self.language() or law.language,
                notes=notes + _notes(child.find(_q("heading")))
                if child.find(_q("heading")) is not None
                else notes,
                valid_from=start,
                valid_to=end,
            )
            self.placed_chars += len(item.text) + len(item.heading) + len(item.number)
            law.provisions.append(item)
            index = len(law.provisions) - 1
            if child.get("eId"):
                self.eids[child.get("eId")] = index
            self.walk(child, index, section_kind)

    def _transitory_series(self, before: int) -> None:
        """Articles numbered again from 1 after the law's own are its transitory articles (Chile prints
        them under "Artículos transitorios", a heading some AKN producers drop): numbered T1, T2…"""
        articles = [p for p in self.law.provisions[before:] if p.kind == "article"]
        seen: set[str] = set()
        for i, item in enumerate(articles):
            if item.number == "1" and "1" in seen:
                for later in articles[i:]:
                    later.number = f"T{later.number}"
                self.law.warnings.append(
                    _(
                        "Articles numbered again from 1 (line %(line)s) were read as transitory articles T1, T2…."
                    )
                    % {"line": item.line}
                )
                return
            seen.add(item.number)

    def unplaced(self, body) -> None:
        """Text directly in the body, outside any provision, is reported rather than dropped silently."""
        for child in body:
            name = local_name(child)
            if (
                name
                and name not in HIERARCHY
                and not (name == "hcontainer" and child.get("name") == "schedule")
            ):
                text = _text(child)
                if text:
                    self.law.unplaced.append({"line": child.sourceline or 0, "text": text[:500]})

    def schedules(self) -> None:
        attachments = self.act.find(_q("attachments"))
        if attachments is None:
            return
        for n, attachment in enumerate(attachments.findall(_q("attachment")), start=1):
            doc = next((c for c in attachment if local_name(c) in ("doc", "act")), None)
            main = None
            if doc is not None:
                main = doc.find(_q("mainBody"))
                if main is None:
                    main = doc.find(_q("body"))
            if main is None:
                continue
            exported = [c for c in main if local_name(c) == "hcontainer" and c.get("name") == "schedule"]
            if len(exported) == 1 and len(main) == 1:  # our own export: the schedule is the hcontainer
                self.walk(main, None, "article")
                continue
            heading = " – ".join(
                _text(h)
                for h in (attachment.find(_q("heading")), attachment.find(_q("subheading")))
                if h is not None
            )
            lines, notes = _blocks(main)
            self.law.provisions.append(
                ParsedProvision(
                    kind="schedule",
                    number=str(n),
                    heading=heading,
                    text="\n".join(lines),
                    line=attachment.sourceline or 0,
                    language=self.language() or self.law.language,
                    notes=notes,
                )
            )
            self.walk(main, len(self.law.provisions) - 1, "article")

    def proprietary(self) -> None:
        for record in self.meta.iter(f"{{{EXT_NS}}}law"):
            law = self.law
            law.status = record.get("status", law.status)
            if record.get("type") in LAW_TYPES:
                law.law_type = record.get("type")
            if (record.get("year") or "").isdigit():
                law.year = int(record.get("year"))
            law.extra.update(
                {key: record.get(key) for key in ("titleEn", "sourceUrl", "gazette") if record.get(key)}
            )
        for record in self.meta.iter(f"{{{EXT_NS}}}mapping"):
            index = self.eids.get((record.get("provision") or "").lstrip("#"))
            if index is None:
                self.law.warnings.append(
                    _("A mapping refers to %(eid)s, which is not in the document; it was not imported.")
                    % {"eid": record.get("provision")}
                )
                continue
            reviewed = record.get("reviewed")
            try:
                reviewed_at = datetime.datetime.fromisoformat(reviewed) if reviewed else None
            except ValueError:
                reviewed_at = None
            self.law.mappings.append(
                ParsedMapping(
                    provision_index=index,
                    instrument=record.get("instrument", ""),
                    article=record.get("article", ""),
                    extent=record.get("extent", "full"),
                    note=record.get("note", ""),
                    reviewed_at=reviewed_at,
                )
            )

    def read(self) -> None:
        body = self.act.find(_q("body"))
        if body is None:
            raise ImportError_(_("XML: the act has no <body>."))
        self.read_lifecycle()
        # Civil-law acts group articles in sections; Commonwealth acts number sections as the operative unit.
        section_kind = "section" if body.find(f".//{_q('article')}") is not None else "article"
        before = len(self.law.provisions)
        self.walk(body, None, section_kind)
        self._transitory_series(before)
        self.unplaced(body)
        self.schedules()
        self.proprietary()
        if not any(p.kind == "article" for p in self.law.provisions[before:]):
            raise ImportError_(
                _("XML: the <body> (line %(line)s) contains no <article> or <section>.")
                % {"line": body.sourceline}
            )


def _identity(act, law: ParsedLaw) -> None:
    """Title, identifier, type, dates and the work URI; an ELI or other URI is kept in `source_uri`."""
    identification = act.find(f"{_q('meta')}/{_q('identification')}")
    work = identification.find(_q("FRBRWork")) if identification is not None else None
    if work is None:
        raise ImportError_(_("XML: <meta>/<identification>/<FRBRWork> is missing."))
    name = act.get("name", "")
    law.law_type = name if name in LAW_TYPES else "act"
    # The year and the source URI read here are what the URI steps below fall back on.
    _work_date(work, law)
    for alias in work.findall(_q("FRBRalias")):
        if alias.get("name") == SOURCE_URI_ALIAS:
            law.source_uri = alias.get("value", "")
    uri = _work_value(work, "FRBRuri")
    if uri.startswith("/akn/"):
        _read_akn_uri(uri, name, _work_value(work, "FRBRnumber"), law)
    else:
        _derive_akn_uri(uri, work, law)
    law.identifier = _work_value(work, "FRBRname")
    publication = act.find(f"{_q('meta')}/{_q('publication')}")
    if (
        publication is not None
        and publication.get("name") != EXPORT_DATE_NAME
        and _date(publication.get("date", ""))
    ):
        law.dates["published"] = _date(publication.get("date"))
    _title_and_identifier(act, work, law)


def _work_value(work, tag: str, attribute: str = "value") -> str:
    element = work.find(_q(tag))
    return element.get(attribute, "") if element is not None else ""


def _work_date(work, law: ParsedLaw) -> None:
    """The first real FRBRdate of the work: its year, and the date under the key its name says."""
    for element in work.findall(_q("FRBRdate")):
        if element.get("name") == EXPORT_DATE_NAME:
            continue  # the exporter's stand-in: the law's date is unknown
        if VERSION_DATE_RE.search(element.get("name") or ""):
            continue  # "versión pre-reforma": the date of a version of the text, not of the law
        year_text = (element.get("date") or "")[:4]
        if year_text.isdigit() and int(year_text) >= EARLIEST_YEAR:
            law.year = int(year_text)
        work_date = _date(element.get("date", ""))
        if work_date is not None:
            work_date_name = (element.get("name") or "").lower().replace("-", "").replace("_", "")
            law.dates[DATE_KEYS.get(work_date_name, "enacted")] = work_date
        return


def _read_akn_uri(uri: str, name: str, number: str, law: ParsedLaw) -> None:
    """An /akn/ work URI is ours as it is; it also gives the type, year and number the document omits."""
    law.frbr_uri = uri.rstrip("/")
    parts = law.frbr_uri.strip("/").split("/")
    if len(parts) > 2 and parts[2] in LAW_TYPES and name not in LAW_TYPES:
        law.law_type = parts[2]
    if len(parts) > 3 and parts[3][:4].isdigit() and law.year is None:
        law.year = int(parts[3][:4])
    law.number = number or (parts[-1] if len(parts) > 4 else "")


def _derive_akn_uri(uri: str, work, law: ParsedLaw) -> None:
    """An ELI (or another scheme, or Laws.Africa's older URIs without /akn/): keep it, derive ours."""
    law.source_uri = law.source_uri or uri
    country = _work_value(work, "FRBRcountry").lower()
    number = _work_value(work, "FRBRnumber")
    law.number = number if number and number.lower() != "none" else uri.rstrip("/").split("/")[-1]
    slug = "".join(c for c in law.number.lower() if c.isalnum() or c == "-")
    if country and law.year and slug:
        law.frbr_uri = f"/akn/{country}/{law.law_type}/{law.year}/{slug}"
    else:
        law.warnings.append(
            _(
                "The work URI “%(uri)s” is not an /akn/ URI and the document does not give the country, year "
                "and number to derive one; give them before saving."
            )
            % {"uri": uri}
        )


def _title_and_identifier(act, work, law: ParsedLaw) -> None:
    """The preface's title, else the work's title alias, else the identifier; the preface's number
    stands in for a missing identifier."""
    title = act.find(f".//{_q('preface')}//{_q('docTitle')}")
    if title is None:
        title = act.find(f".//{_q('preface')}//{_q('shortTitle')}")
    law.title = _text(title)
    if not law.title:
        alias = next((a for a in work.findall(_q("FRBRalias")) if a.get("name") in ("title", None)), None)
        law.title = alias.get("value", "") if alias is not None else law.identifier
    number_element = act.find(f".//{_q('preface')}//{_q('docNumber')}")
    if number_element is not None and not law.identifier:
        law.identifier = _text(number_element)


def _lifecycle_dates(reader: _ActReader, law: ParsedLaw) -> None:
    for kind, date in reader.events.values():
        key = DATE_KEYS.get(kind)
        if key and date:
            law.dates[key] = date


def _wordings(law: ParsedLaw) -> None:
    """New wordings an article gives another law in plain text (no <mod> markup): Amendments."""
    for index, provision in enumerate(law.provisions):
        if provision.kind == "article" and provision.text and AMEND_LEAD_RE.search(provision.text[:300]):
            law.amendments.extend(wordings_in_text(provision.text, by_index=index))


# "Modifica la ley N°17.798, sobre control de armas, para autorizar…": the title of a bill amending a law.
AMENDING_TITLE_RE = re.compile(
    r"^\s*(?:modifica|reforma|sustituye|enmienda|altera|modifie|amends?|an act to amend)\s+(?:la|a|el|o|the)?\s*"
    r"(ley|lei|loi|law|act|decreto(?:-lei)?)\s+(?:n[º°o.]*\s*|n[úu]mero\s+|no\.\s*)?(\d[\d.\-/]*\d)\b\s*,?\s*"
    r"((?:sobre|que|de|relativa|on|concerning|sur)\b[^,;]*)?",
    re.IGNORECASE,
)
AMEND_LEAD_RE = re.compile(r"modificaciones|modifica[çc][õo]es|amendments|modifications|introd[úu]cen", re.I)


def _amended_law_named(law: ParsedLaw) -> None:
    """An <act> whose title is a bill's that amends law N ("Modifica la ley N°17.798, sobre control de
    armas, para…") while its articles never cite law N: the body is law N's own text as the bill found
    it, so the identity is law N's. Its year, unless printed elsewhere, stays for the editor to give."""
    found = AMENDING_TITLE_RE.match(law.title or "")
    if found is None:
        return
    number = found.group(2)
    if any(number in (p.text or "") for p in law.provisions):
        return  # the articles amend law N: the document is the amending law itself
    kind = found.group(1).capitalize()
    bill_title = law.title
    law.identifier = f"{kind} N° {number}"
    law.number = number
    law.title = f"{kind} {found.group(3).strip()}" if found.group(3) else law.identifier
    law.frbr_uri = law.frbr_uri if law.year else ""
    law.warnings.append(
        _(
            "The document's title (“%(title)s”) is that of a bill amending %(law)s, whose text the body "
            "holds: it was imported as %(law)s. Check its year and dates."
        )
        % {"title": bill_title[:200], "law": law.identifier}
    )


def parse_akn(data: bytes) -> ParsedLaw:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ImportError_(
            _("XML: not well-formed at line %(line)s: %(error)s") % {"line": error.lineno, "error": error.msg}
        ) from error
    qname = etree.QName(root)
    if qname.namespace is None and qname.localname in ("Statute", "Bill"):
        from .justice_canada import parse_justice_canada

        return parse_justice_canada(root)
    if qname.namespace == "http://schemas.gpo.gov/xml/uslm" and qname.localname in ("pLaw", "bill"):
        from .uslm import parse_uslm

        return parse_uslm(root)
    if qname.localname == "akomaNtoso" and qname.namespace != NS:
        raise ImportError_(
            _(
                "XML: this Akoma Ntoso document uses the namespace “%(namespace)s” (an earlier version of the "
                "standard); only Akoma Ntoso 3.0 (%(expected)s) is imported. Convert it to 3.0 first."
            )
            % {"namespace": qname.namespace or _("none"), "expected": NS}
        )
    if qname.localname != "akomaNtoso":
        raise ImportError_(
            _(
                "XML: the root element is <%(element)s> (line %(line)s); expected an Akoma Ntoso 3.0 <akomaNtoso> "
                "document, Justice Canada's <Statute> or <Bill>, or a USLM <pLaw> or <bill>."
            )
            % {"element": qname.localname, "line": root.sourceline}
        )
    acts = root.findall(_q("act"))
    collection = root.find(_q("documentCollection"))
    if not acts and collection is not None:  # one expression per language
        acts = collection.findall(f"{_q('collectionBody')}/{_q('component')}/{_q('act')}")
    if not acts:
        raise ImportError_(_("XML: no <act> element under <akomaNtoso>; only acts are imported."))
    law = ParsedLaw(source_format="akn")
    _identity(acts[0], law)
    placed = 0
    for act in acts:
        reader = _ActReader(act, law)
        if act is acts[0]:
            law.language = reader.language() or "en"
        reader.read()
        _lifecycle_dates(reader, law)
        placed += reader.placed_chars
    _wordings(law)
    _amended_law_named(law)
    unplaced = sum(len(item["text"]) for item in law.unplaced)
    law.confidence = round(placed / (placed + unplaced), 2) if placed + unplaced else 0.0
    if law.year is None:
        law.warnings.append(_("The document gives no date or year; give the year before saving."))
    return law
