"""A law as Akoma Ntoso 3.0 XML, JSON or CSV; the comparison matrix as CSV or JSON."""

from __future__ import annotations

import io
import json

from django.db.models import Prefetch
from lxml import etree

from cyberportal.core.spreadsheet import SafeDictWriter

from .importers.akn import LANG_2_TO_3, NS
from .models import Law, Provision, ProvisionMapping

FORMATS = ("akn", "json", "csv")
CONTENT_TYPES = {
    "akn": "application/akn+xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
EXTENSIONS = {"akn": "xml", "json": "json", "csv": "csv"}
EID_PREFIX = {
    "part": "part",
    "title": "title",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
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


def law_to_akn(law: Law, user=None) -> str:
    """Akoma Ntoso 3.0: act / meta / identification (FRBRWork, FRBRExpression, FRBRManifestation) / body."""
    provisions = _provisions(law, user)
    language = LANG_2_TO_3.get(law.language, "und")
    date = (
        (law.enacted_on or law.in_force_on).isoformat()
        if (law.enacted_on or law.in_force_on)
        else f"{law.year or 1900}-01-01"
    )
    work_uri = law.frbr_uri
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    act = _el(root, "act", name=law.law_type)
    meta = _el(act, "meta")
    identification = _el(meta, "identification", source="#cyberportal")
    work = _el(identification, "FRBRWork")
    _el(work, "FRBRthis", value=f"{work_uri}/!main")
    _el(work, "FRBRuri", value=work_uri)
    _el(work, "FRBRdate", date=date, name="Generation")
    _el(work, "FRBRauthor", href=f"#{law.state.code.lower()}")
    _el(work, "FRBRcountry", value=law.state.code.lower())
    number = work_uri.rstrip("/").split("/")[-1]
    _el(work, "FRBRnumber", value=number)
    _el(work, "FRBRname", value=law.identifier)
    expression_uri = f"{work_uri}/{language}@"
    expression = _el(identification, "FRBRExpression")
    _el(expression, "FRBRthis", value=f"{expression_uri}/!main")
    _el(expression, "FRBRuri", value=expression_uri)
    _el(expression, "FRBRdate", date=date, name="Generation")
    _el(expression, "FRBRauthor", href="#cyberportal")
    _el(expression, "FRBRlanguage", language=language)
    manifestation = _el(identification, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{expression_uri}/!main.xml")
    _el(manifestation, "FRBRuri", value=f"{expression_uri}.akn")
    _el(manifestation, "FRBRdate", date=date, name="Generation")
    _el(manifestation, "FRBRauthor", href="#cyberportal")
    references = _el(meta, "references", source="#cyberportal")
    _el(
        references,
        "TLCOrganization",
        eId="cyberportal",
        href="/ontology/organization/cyberportal",
        showAs="Cyberportal",
    )
    _el(
        references,
        "TLCOrganization",
        eId=law.state.code.lower(),
        href=f"/ontology/organization/{law.state.code.lower()}",
        showAs=law.state.name_in("en"),
    )
    preface = _el(act, "preface")
    long_title = _el(preface, "longTitle")
    _el(_el(long_title, "p"), "docTitle", law.title)
    _el(_el(preface, "p"), "docNumber", law.identifier)
    body = _el(act, "body")
    children: dict[int | None, list[Provision]] = {}
    known = {p.pk for p in provisions}
    for p in provisions:
        children.setdefault(p.parent_id if p.parent_id in known else None, []).append(p)

    def write(parent_element, parent_pk, prefix):
        for p in children.get(parent_pk, []):
            kind = p.kind if p.kind in EID_PREFIX else "paragraph"
            eid_number = "".join(c for c in p.number if c.isalnum() or c == "-") or str(p.sort_order)
            eid = f"{prefix}{EID_PREFIX[kind]}_{eid_number}"
            element = _el(parent_element, kind, eId=eid)
            if p.number:
                _el(element, "num", p.number)
            if p.heading:
                _el(element, "heading", p.heading)
            lines = [line for line in p.text.split("\n") if line.strip()]
            if children.get(p.pk):
                if lines:
                    intro = _el(element, "intro")
                    for line in lines:
                        _el(intro, "p", line)
                write(element, p.pk, eid + "__")
            elif kind in {"article", "paragraph"} or lines:
                content = _el(element, "content")
                for line in lines or [""]:
                    _el(content, "p", line)

    write(body, None, "")
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


def export_law(law: Law, fmt: str, user=None) -> tuple[str, str, str]:
    content = {"akn": law_to_akn, "json": law_to_json, "csv": law_to_csv}[fmt](law, user)
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
