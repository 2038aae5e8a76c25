"""Reading a bulk dump back into an empty instance (`manage.py load_dump`): the proof that a dump holds
enough to stand on its own, and a way to seed a mirror or a test instance from another's public data.

It loads states, instruments with their articles, laws with their provisions (the wording in force, with
its parent) and the provisions' mappings, all as published public records. Meetings, recommendations and
reports stay in the dump's files only (see the open-data page's known limits).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.states.models import Article, Instrument, State

LOADED = ("states", "instruments", "articles", "laws", "provisions", "mappings")


class DumpError(Exception):
    pass


def _read(folder: Path, name: str) -> list[dict]:
    path = folder / f"{name}.json"
    if not path.exists():
        raise DumpError(f"{path}: not found; is this a dump folder?")
    try:
        return json.loads(path.read_text(encoding="utf-8"))["results"]
    except (ValueError, KeyError) as error:
        raise DumpError(f"{path}: not a dump file ({error})") from None


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def dump_load(folder: Path) -> dict[str, int]:
    """Load the dump in `folder`; returns how many of each were created. All or nothing."""
    if Law.objects.exists():
        raise DumpError("The database already has laws: load a dump into an empty instance only.")
    counts = dict.fromkeys(LOADED, 0)
    states = {}
    for record in _read(folder, "states"):
        states[record["code"]], created = State.objects.get_or_create(
            code=record["code"],
            defaults={"alpha3": record["alpha3"], "numeric": record["numeric"],
                      "official_languages": record["official_languages"],
                      "network_247_member": record["network_247_member"],
                      "network_247_since": _date(record["network_247_since"])},
        )  # fmt: skip
        counts["states"] += created
    articles = {}
    for record in _read(folder, "instruments"):
        instrument, created = Instrument.objects.get_or_create(
            slug=record["slug"],
            defaults={"short_name": record["short_name"], "title": record["title"], "kind": record["kind"],
                      "reference": record["reference"], "language": record["language"],
                      "adopted_on": _date(record["adopted_on"]), "source_url": record["source_url"],
                      "entry_into_force": _date(record["entry_into_force"])},
        )  # fmt: skip
        counts["instruments"] += created
        for position, a in enumerate(record["articles"]):
            article, created = Article.objects.get_or_create(
                instrument=instrument,
                number=a["number"],
                defaults={"title": a["title"], "chapter": a["chapter"], "section": a["section"],
                          "category": a["category"], "provisional": a["provisional"], "sort_order": position},
            )  # fmt: skip
            counts["articles"] += created
            articles[(instrument.slug, a["number"])] = article
    for record in _read(folder, "laws"):
        _load_law(record, states, articles, counts)
    return counts


def _load_law(record: dict, states: dict, articles: dict, counts: dict) -> None:
    original = record["titles"].get(record["language"]) or next(iter(record["titles"].values()), "")
    law = Law(
        state=states[record["state"]],
        identifier=record["identifier"],
        title=original,
        title_en=record["titles"].get("en", "") if record["language"] != "en" else "",
        language=record["language"],
        law_type=record["law_type"],
        status=record["status"],
        year=record["year"],
        enacted_on=_date(record["enacted_on"]),
        published_on=_date(record["published_on"]),
        in_force_on=_date(record["in_force_on"]),
        repealed_on=_date(record["repealed_on"]),
        frbr_uri=record["frbr_uri"],
        source_url=record["source_url"],
        gazette_reference=record["gazette_reference"],
        summary=next(iter(record["summary"].values()), ""),
        summary_language=next(iter(record["summary"]), "en"),
        is_example=record["is_example"],
        visibility="public",
        live=True,
    )
    law.save()
    counts["laws"] += 1
    provisions = {}
    for position, p in enumerate(record["provisions"]):
        provision = Provision.objects.create(
            law=law,
            parent=provisions.get(p["parent"]),
            kind=p["kind"],
            number=p["number"],
            heading=p["heading"],
            text=p["text"],
            language=p["language"],
            valid_from=_date(p["valid_from"]),
            valid_to=_date(p["valid_to"]),
            sort_order=position,
        )
        provisions[p["id"]] = provision
        counts["provisions"] += 1
        for m in p["mappings"]:
            ProvisionMapping.objects.create(
                provision=provision, article=articles[(m["instrument"], m["article"])], extent=m["extent"],
                note=m["note"], visibility="public",
                reviewed_at=timezone.now() if m["reviewed"] else None,
            )  # fmt: skip
            counts["mappings"] += 1
