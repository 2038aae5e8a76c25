"""A law as Akoma Ntoso 3.0 XML, JSON or CSV; the comparison matrix as CSV or JSON."""

from __future__ import annotations

import datetime
import io
import json

from django.db.models import Prefetch
from lxml import etree

from cyberportal.core.spreadsheet import SafeDictWriter

from .importers.akn import EVENT_TYPES, EXPORT_DATE_NAME, EXT_NS, LANG_2_TO_3, NS, SOURCE_URI_ALIAS
from .models import Law, Provision, ProvisionMapping

FORMATS = ("akn", "json", "csv")
CONTENT_TYPES = {
    "akn": "application/akn+xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
EXTENSIONS = {"akn": "xml", "json": "json", "csv": "csv"}
EID_PREFIX = {
    "book": "book",
    "part": "part",
    "subpart": "subpart",
    "title": "title",
    "chapter": "chp",
    "division": "dvs",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "schedule": "hcontainer",
}
PROVISION_COLUMNS = [
    "id",
    "kind",
    "number",
    "heading",
    "text",
    "language",
    "parent",
    "valid_from",
    "valid_to",
    "mappings",
]


def _provisions(law: Law, user) -> list[Provision]:
    return list(
        law.provisions.current()
        .prefetch_related(
            Prefetch(
                "mappings",
                queryset=ProvisionMapping.objects.visible_to(user).select_related("article__instrument"),
            )
        )
        .order_by("sort_order", "pk")
    )


def _el(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _wordings(law: Law, user, on: datetime.date | None) -> list[Provision]:
    """Every wording (current and earlier, for the lifecycle), or only those in force on `on`."""
    provisions = law.provisions.all() if on is None else law.provisions.in_force_on(on)
    return list(
        provisions.prefetch_related(
            Prefetch(
                "mappings",
                queryset=ProvisionMapping.objects.visible_to(user).select_related("article__instrument"),
            )
        ).order_by("sort_order", "pk")
    )


def _expression_date(law: Law, wordings: list[Provision], on: datetime.date | None) -> datetime.date | None:
    """The date of the wording exported: the latest start of a wording (or of the law) up to `on`."""
    limit = on or datetime.date.max
    candidates = [p.valid_from for p in wordings if p.valid_from and p.valid_from <= limit]
    candidates += [d for d in (law.in_force_on, law.enacted_on) if d and d <= limit]
    return max(candidates) if candidates else None


class _Writer:
    """Writes one <act> expression (one language) of a law; eIds carry `prefix` so that they stay
    unique when several expressions share one document."""

    def __init__(self, law: Law, language: str, wordings: list[Provision], on, prefix: str = ""):
        self.law, self.language, self.wordings, self.on, self.prefix = law, language, wordings, on, prefix
        self.language3 = LANG_2_TO_3.get(language, "und")
        self.events: dict[tuple[str, datetime.date], str] = {}
        self.periods: dict[tuple, str] = {}

    # -- identification ------------------------------------------------------------------------
    def identification(self, meta, component: str = "main") -> None:
        law = self.law
        work_uri = law.frbr_uri
        work_date, work_date_name = next(
            (
                (d, name)
                for d, name in ((law.enacted_on, "enactment"), (law.in_force_on, "commencement"))
                if d
            ),
            # Nothing known: say so by the name rather than invent a date of the law.
            (datetime.date.today(), EXPORT_DATE_NAME),
        )
        expression_date = _expression_date(law, self.wordings, self.on)
        expression_uri = (
            f"{work_uri}/{self.language3}@{expression_date.isoformat() if expression_date else ''}"
        )
        identification = _el(meta, "identification", source=f"#{self.prefix}cyberportal")
        work = _el(identification, "FRBRWork")
        _el(work, "FRBRthis", value=f"{work_uri}/!{component}")
        _el(work, "FRBRuri", value=work_uri)
        if law.source_uri:
            _el(work, "FRBRalias", value=law.source_uri, name=SOURCE_URI_ALIAS)
        _el(work, "FRBRdate", date=work_date.isoformat(), name=work_date_name)
        _el(work, "FRBRauthor", href=f"#{self.prefix}{law.state.code.lower()}")
        _el(work, "FRBRcountry", value=law.state.code.lower())
        _el(work, "FRBRnumber", value=work_uri.rstrip("/").split("/")[-1])
        _el(work, "FRBRname", value=law.identifier)
        expression = _el(identification, "FRBRExpression")
        _el(expression, "FRBRthis", value=f"{expression_uri}/!{component}")
        _el(expression, "FRBRuri", value=expression_uri)
        _el(
            expression,
            "FRBRdate",
            date=(expression_date or work_date).isoformat(),
            name="version" if expression_date else EXPORT_DATE_NAME,
        )
        _el(expression, "FRBRauthor", href=f"#{self.prefix}cyberportal")
        _el(expression, "FRBRlanguage", language=self.language3)
        manifestation = _el(identification, "FRBRManifestation")
        _el(manifestation, "FRBRthis", value=f"{expression_uri}/!{component}.xml")
        _el(manifestation, "FRBRuri", value=f"{expression_uri}.akn")
        _el(manifestation, "FRBRdate", date=datetime.date.today().isoformat(), name="transform")
        _el(manifestation, "FRBRauthor", href=f"#{self.prefix}cyberportal")
        if law.published_on or law.gazette_reference:
            # The schema requires a date: a gazette reference whose date is unknown says so by its name.
            _el(
                meta,
                "publication",
                date=(law.published_on or work_date).isoformat(),
                name="gazette" if law.published_on else EXPORT_DATE_NAME,
                showAs=law.gazette_reference or "Official gazette",
            )

    # -- lifecycle and temporal data -----------------------------------------------------------
    def _event(self, kind: str, date: datetime.date) -> str:
        return self.events.setdefault((kind, date), f"{self.prefix}e_{kind}_{date.isoformat()}")

    def _period(self, p: Provision) -> str:
        if p.valid_from is None and p.valid_to is None:
            return ""
        key = (p.valid_from, p.valid_to)
        if key not in self.periods:
            if p.valid_from:
                self._event("amendment", p.valid_from)
            if p.valid_to:
                self._event("amendment", p.valid_to)
            self.periods[key] = f"{self.prefix}tg_{len(self.periods) + 1}"
        return self.periods[key]

    def lifecycle(self, meta, mappings: list[tuple[str, ProvisionMapping]]) -> None:
        """The metadata after <identification>, in the order the schema requires."""
        self._law_events()
        self._lifecycle_element(meta)
        self._temporal_data(meta)
        self._references(meta)
        self._proprietary(meta, mappings)

    def _law_events(self) -> None:
        law = self.law
        for kind, date in (
            ("enactment", law.enacted_on),
            ("publication", law.published_on),
            ("commencement", law.in_force_on),
            ("repeal", law.repealed_on),
        ):
            if date:
                self._event(kind, date)

    def _lifecycle_element(self, meta) -> None:
        if not self.events:
            return
        lifecycle = _el(meta, "lifecycle", source=f"#{self.prefix}cyberportal")
        for (kind, date), eid in sorted(self.events.items(), key=lambda item: (item[0][1], item[0][0])):
            _el(
                lifecycle,
                "eventRef",
                eId=eid,
                date=date.isoformat(),
                source=f"#{self.prefix}original",
                type=EVENT_TYPES[kind],
                refersTo=f"#{self.prefix}{kind}",
            )

    def _temporal_data(self, meta) -> None:
        if not self.periods:
            return
        temporal = _el(meta, "temporalData", source=f"#{self.prefix}cyberportal")
        for (start, end), eid in self.periods.items():
            group = _el(temporal, "temporalGroup", eId=eid)
            interval = {"refersTo": f"#{self.prefix}inForce"}
            if start:
                interval["start"] = "#" + self.events[("amendment", start)]
            if end:
                interval["end"] = "#" + self.events[("amendment", end)]
            _el(group, "timeInterval", **interval)

    def _references(self, meta) -> None:
        references = _el(meta, "references", source=f"#{self.prefix}cyberportal")
        _el(
            references,
            "original",
            eId=f"{self.prefix}original",
            href=self.law.frbr_uri,
            showAs=self.law.identifier,
        )
        for kind in sorted({kind for kind, _date in self.events}):
            _el(
                references,
                "TLCEvent",
                eId=f"{self.prefix}{kind}",
                href=f"/ontology/event/{kind}",
                showAs=kind.capitalize(),
            )
        _el(
            references,
            "TLCOrganization",
            eId=f"{self.prefix}cyberportal",
            href="/ontology/organization/cyberportal",
            showAs="Cyberportal",
        )
        _el(
            references,
            "TLCOrganization",
            eId=f"{self.prefix}{self.law.state.code.lower()}",
            href=f"/ontology/organization/{self.law.state.code.lower()}",
            showAs=self.law.state.name_in("en"),
        )
        if self.periods:
            _el(
                references,
                "TLCConcept",
                eId=f"{self.prefix}inForce",
                href="/ontology/concept/inForce",
                showAs="In force",
            )

    def _proprietary(self, meta, mappings: list[tuple[str, ProvisionMapping]]) -> None:
        """What Akoma Ntoso has no element for (status, mappings) goes in a documented namespace."""
        law = self.law
        proprietary = _el(meta, "proprietary", source=f"#{self.prefix}cyberportal")
        record = etree.SubElement(proprietary, f"{{{EXT_NS}}}law", nsmap={"cp": EXT_NS})
        for name, value in (
            ("type", law.law_type),
            ("status", law.status),
            ("year", law.year or ""),
            ("language", law.language),
            ("titleEn", law.title_en),
            ("sourceUrl", law.source_url),
            ("gazette", law.gazette_reference),
        ):
            if value != "":
                record.set(name, str(value))
        for eid, m in mappings:
            item = etree.SubElement(proprietary, f"{{{EXT_NS}}}mapping")
            item.set("provision", f"#{eid}")
            item.set("instrument", m.article.instrument.slug)
            item.set("article", m.article.number)
            item.set("extent", m.extent)
            if m.reviewed_at:
                item.set("reviewed", m.reviewed_at.isoformat())
            if m.note:
                item.set("note", m.note)

    # -- body ----------------------------------------------------------------------------------
    def _eid(self, p: Provision, prefix: str, used: set[str]) -> str:
        kind = p.kind if p.kind in EID_PREFIX else "paragraph"
        number = "".join(c for c in p.number if c.isalnum() or c == "-") or str(p.sort_order)
        eid = f"{prefix}{EID_PREFIX[kind]}_{number}"
        if p.valid_to:  # an earlier wording sits beside the current one: give it its own eId
            eid += f"__ver_{p.valid_to.isoformat()}"
        base, n = eid, 1
        while eid in used:
            n += 1
            eid = f"{base}_{n}"
        used.add(eid)
        return eid

    def _paragraphs(self, parent, tag: str, p: Provision, eid: str) -> None:
        lines = [line for line in p.text.split("\n") if line.strip()] or [""]
        block = _el(parent, tag)
        last = None
        for line in lines:
            last = _el(block, "p", line)
        notes = [note for note in p.notes.split("\n") if note.strip()]
        for n, note in enumerate(notes, start=1):
            # At the end of the provision's last paragraph, never in the middle of a sentence.
            note_element = _el(
                last, "authorialNote", marker=str(n), placement="bottom", eId=f"{eid}__authorialNote_{n}"
            )
            _el(note_element, "p", note)

    def body(self, act) -> list[tuple[str, ProvisionMapping]]:
        provisions = self.wordings
        known = {p.pk for p in provisions}
        children: dict[int | None, list[Provision]] = {}
        for p in provisions:
            children.setdefault(p.parent_id if p.parent_id in known else None, []).append(p)
        used: set[str] = set()
        mappings: list[tuple[str, ProvisionMapping]] = []

        def write(parent_element, parent_pk, prefix):
            for p in children.get(parent_pk, []):
                kind = p.kind if p.kind in EID_PREFIX else "paragraph"
                eid = self._eid(p, prefix, used)
                attributes = {"eId": eid}
                if kind == "schedule":
                    attributes["name"] = "schedule"
                period = self._period(p)
                if period:
                    attributes["period"] = f"#{period}"
                element = _el(parent_element, "hcontainer" if kind == "schedule" else kind, **attributes)
                if p.number:
                    _el(element, "num", p.number)
                if p.heading:
                    _el(element, "heading", p.heading)
                mappings.extend((eid, m) for m in p.mappings.all())
                if children.get(p.pk):
                    if p.text.strip() or p.notes.strip():
                        self._paragraphs(element, "intro", p, eid)
                    write(element, p.pk, eid + "__")
                else:
                    self._paragraphs(element, "content", p, eid)

        body_items = [p for p in children.get(None, []) if p.kind != "schedule"]
        schedules = [p for p in children.get(None, []) if p.kind == "schedule"]
        preface = _el(act, "preface")
        _el(_el(preface, "longTitle"), "p").append(_inline("docTitle", self.law.title))
        _el(preface, "p").append(_inline("docNumber", self.law.identifier))
        body = _el(act, "body")
        children[None] = body_items
        if not body_items:  # the schema wants a body with at least one element
            _el(_el(body, "hcontainer", name="empty", eId=f"{self.prefix}hcontainer_1"), "content").append(
                _inline("p", "")
            )
        write(body, None, self.prefix)
        if schedules:
            attachments = _el(act, "attachments")
            for n, schedule in enumerate(schedules, start=1):
                att_eid = f"{self.prefix}att_{n}"
                attachment = _el(attachments, "attachment", eId=att_eid)
                doc = _el(attachment, "doc", name="schedule")
                self.identification(_el(doc, "meta"), component=f"schedule_{n}")
                main = _el(doc, "mainBody")
                children[f"att{n}"] = [schedule]
                write(main, f"att{n}", att_eid + "__")
        return mappings

    def act(self, parent):
        act = _el(parent, "act", name=self.law.law_type)
        meta = _el(act, "meta")
        self.identification(meta)
        mappings = self.body(act)
        # meta's children are ordered by the schema; the body is written first to learn the periods.
        self.lifecycle(meta, mappings)
        return act


def _inline(tag, text):
    element = etree.Element(f"{{{NS}}}{tag}")
    element.text = text
    return element


def law_to_akn(law: Law, user=None, on: datetime.date | None = None) -> str:
    """Akoma Ntoso 3.0 that validates against the OASIS schema (vendored in laws/schema/).

    One <act> per language: a law whose provisions are in two languages becomes a <documentCollection>
    with one expression per language. Earlier wordings come with their lifecycle and temporal data;
    with `on`, only the wording in force that day, labelled with its own expression date.
    """
    wordings = _wordings(law, user, on)
    languages = [law.language] + sorted({p.language for p in wordings} - {law.language})
    languages = [lang for lang in languages if any(p.language == lang for p in wordings)] or [law.language]
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    if len(languages) == 1:
        _Writer(law, languages[0], wordings, on).act(root)
    else:
        collection = _el(root, "documentCollection", name="multilingual")
        main = _Writer(law, law.language, wordings, on)
        main.identification(_el(collection, "meta"))
        collection_body = _el(collection, "collectionBody")
        for language in languages:
            prefix = f"cmp_{LANG_2_TO_3.get(language, language)}__"
            component = _el(collection_body, "component", eId=prefix.rstrip("_"))
            own = [p for p in wordings if p.language == language]
            _Writer(law, language, own, on, prefix=prefix).act(component)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _provision_rows(law: Law, user) -> list[dict]:
    provisions = _provisions(law, user)
    by_pk = {p.pk: p for p in provisions}
    rows = []
    for p in provisions:
        parent = by_pk.get(p.parent_id)
        rows.append(
            {
                "id": p.pk,
                "kind": p.kind,
                "number": p.number,
                "heading": p.heading,
                "text": p.text,
                "language": p.language,
                "parent": f"{parent.kind} {parent.number}".strip() if parent else None,
                "valid_from": p.valid_from.isoformat() if p.valid_from else None,
                "valid_to": p.valid_to.isoformat() if p.valid_to else None,
                "mappings": [
                    {
                        "instrument": m.article.instrument.slug,
                        "article": m.article.number,
                        "extent": m.extent,
                        "reviewed": m.reviewed_at is not None,
                        "note": m.note,
                    }
                    for m in p.mappings.all()
                ],
            }
        )
    return rows


def law_to_json(law: Law, user=None) -> str:
    data = {
        "frbr_uri": law.frbr_uri,
        "state": law.state.code,
        "identifier": law.identifier,
        "title": law.title,
        "title_en": law.title_en,
        "type": law.law_type,
        "status": law.status,
        "year": law.year,
        "language": law.language,
        "source_url": law.source_url,
        "is_example": law.is_example,
        "provisions": _provision_rows(law, user),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def law_to_csv(law: Law, user=None) -> str:
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=PROVISION_COLUMNS)
    writer.writeheader()
    for row in _provision_rows(law, user):
        row["mappings"] = "; ".join(
            f"{m['instrument']} art. {m['article']} ({m['extent']}{'' if m['reviewed'] else ', not reviewed'})"
            for m in row["mappings"]
        )
        writer.writerow(row)
    return out.getvalue()


def export_law(law: Law, fmt: str, user=None, on: datetime.date | None = None) -> tuple[str, str, str]:
    if fmt == "akn":
        return law_to_akn(law, user, on), CONTENT_TYPES[fmt], EXTENSIONS[fmt]
    content = {"json": law_to_json, "csv": law_to_csv}[fmt](law, user)
    return content, CONTENT_TYPES[fmt], EXTENSIONS[fmt]


def matrix_rows(matrix) -> list[dict]:
    rows = []
    for state, cells in matrix.rows:
        for article, cell in zip(matrix.articles, cells, strict=True):
            rows.append(
                {
                    "state": state.code,
                    "instrument": matrix.instrument.slug,
                    "article": article.number,
                    "article_title": article.title,
                    "category": article.category,
                    "status": cell.status,
                    "provisions": "; ".join(f"{m.identifier} {m.label}" for m in cell.mappings),
                }
            )
    return rows


def matrix_csv(matrix) -> str:
    out = io.StringIO()
    writer = SafeDictWriter(
        out,
        fieldnames=["state", "instrument", "article", "article_title", "category", "status", "provisions"],
    )
    writer.writeheader()
    writer.writerows(matrix_rows(matrix))
    return out.getvalue()


def matrix_json(matrix) -> str:
    return json.dumps(matrix_rows(matrix), ensure_ascii=False, indent=2)


# --- Linked data on the law's page: schema.org Legislation, with the ELI-style and AKN identifiers ---

LEGAL_FORCE = {
    "in_force": "https://schema.org/InForce",
    "repealed": "https://schema.org/NotInForce",
    "enacted": "https://schema.org/NotInForce",
    "bill": "https://schema.org/NotInForce",
}


def law_linked_data(law: Law, *, page_url: str, work_url: str, akn_url: str) -> dict:
    """The law as schema.org `Legislation` (JSON-LD), the vocabulary search engines and the ELI
    community (schema.org's legislation terms come from ELI) read. `sameAs` names the same work at other
    addresses: the portal's AKN work URI address (stable on every instance) and the source's own URI
    (often an ELI); the AKN XML export is its `encoding`."""
    same_as = [work_url] + [uri for uri in (law.source_uri, law.source_url) if uri.startswith("http")]
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": page_url,
        "url": page_url,
        "name": law.title,
        "legislationIdentifier": law.identifier,
        "identifier": [law.frbr_uri, *([law.source_uri] if law.source_uri else [])],
        "inLanguage": law.language,
        "legislationJurisdiction": {
            "@type": "AdministrativeArea",
            "name": law.state.name_in("en"),
            "identifier": law.state.code,
        },
        "legislationType": law.law_type,
        "legislationLegalForce": LEGAL_FORCE.get(law.status, "https://schema.org/InForce"),
        "sameAs": list(dict.fromkeys(same_as)),
        "encoding": {
            "@type": "LegislationObject",
            "contentUrl": akn_url,
            "encodingFormat": "application/akn+xml",
            "inLanguage": law.language,
        },
    }
    if law.title_en and law.language != "en":
        data["alternateName"] = {"@language": "en", "@value": law.title_en}
    dates = {
        "legislationDate": law.enacted_on,
        "datePublished": law.published_on,
        "legislationDateOfApplicability": law.in_force_on,
        "expires": law.repealed_on,
    }
    data.update({key: value.isoformat() for key, value in dates.items() if value})
    return data
