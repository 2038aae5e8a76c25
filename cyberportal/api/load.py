"""Reading a bulk dump back into an empty instance (`manage.py load_dump`): the proof that a dump holds
enough to stand on its own, and a way to seed a mirror or a test instance from another's public data.

It loads every resource the dump writes, as published public records: states with their membership and
treaty statuses, instruments with their articles, laws with their provisions (the wording in force, with
its parent) and the provisions' mappings, meetings, recommendations (sub-items, themes, addressees,
translations and lineage) and accepted implementation reports, events, indicators and the validated
statistics. Records refer to each other by the dump's natural keys (a state's code, a meeting's slug, a
recommendation's id in the dump), never by this instance's ids.

All or nothing: a file that is missing, damaged (its SHA-256 differs from the manifest's) or holds a bad
record stops the load with a message naming the file, the record and the field, and nothing is saved.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from cyberportal.events.models import Event
from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.recommendations.models import (
    Addressee,
    Body,
    ImplementationReport,
    Meeting,
    Recommendation,
    RecommendationTranslation,
    ReviewStatus,
    SubItem,
    Theme,
)
from cyberportal.states.models import Article, Instrument, Membership, State, TreatyStatus
from cyberportal.statistics.models import Indicator, ReturnStatus, StatisticsReturn, StatisticValue

LOADED = ("states", "treaty_statuses", "instruments", "articles", "laws", "provisions", "mappings", "meetings",
          "recommendations", "reports", "events", "indicators", "statistics", "statistic_values")  # fmt: skip
# Resources a dump has held since its first version; the later ones are loaded when the dump has them.
REQUIRED = ("states", "instruments", "laws")


class DumpError(Exception):
    pass


class BadField(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")


def _manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    if not path.exists():
        return {}
    try:
        return {entry["name"]: entry["sha256"] for entry in json.loads(path.read_text("utf-8"))["files"]}
    except (ValueError, KeyError, TypeError) as error:
        raise DumpError(f"{path}: not a dump's manifest ({error})") from None


def _read(folder: Path, name: str, sums: dict) -> list[dict] | None:
    path = folder / f"{name}.json"
    if not path.exists():
        if name in REQUIRED or f"{name}.json" in sums:
            raise DumpError(f"{path}: not found; is this a dump folder?")
        return None
    data = path.read_bytes()
    if f"{name}.json" in sums and hashlib.sha256(data).hexdigest() != sums[f"{name}.json"]:
        raise DumpError(
            f"{path}: its SHA-256 differs from the manifest's; the file is damaged or was changed."
        )
    try:
        results = json.loads(data.decode("utf-8"))["results"]
    except (ValueError, KeyError, TypeError) as error:
        raise DumpError(f"{path}: not a dump file ({error})") from None
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise DumpError(f"{path}: not a dump file (its results are not a list of records)")
    return results


@contextmanager
def _record(folder: Path, name: str, index: int, record: dict):
    """Turns what a bad record raises into one message: file, record (1-based, with its key) and field."""
    key = next(
        (f" ({k} {record[k]!r})" for k in ("id", "code", "slug") if isinstance(record, dict) and k in record),
        "",
    )
    where = f"{folder / f'{name}.json'}: record {index + 1}{key}"
    try:
        yield
    except KeyError as error:
        raise DumpError(f"{where}: the field {error} is missing.") from None
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            detail = "; ".join(f"{f}: {' '.join(m)}" for f, m in error.message_dict.items())
        else:
            detail = " ".join(error.messages)
        raise DumpError(f"{where}: {detail}") from None
    except (BadField, ValueError, TypeError, AttributeError, DatabaseError) as error:
        raise DumpError(f"{where}: {error}") from None


def _each(folder: Path, name: str, sums: dict, load) -> None:
    """`load(record)` for each record of the file, a bad one reported by `_record`."""
    for index, record in enumerate(_read(folder, name, sums) or []):
        with _record(folder, name, index, record):
            load(record)


def _date(record: dict, key: str) -> datetime.date | None:
    value = record[key]
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        raise BadField(key, f"{value!r} is not a date (YYYY-MM-DD).") from None


def _moment(record: dict, key: str) -> datetime.datetime | None:
    value = record[key]
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        raise BadField(key, f"{value!r} is not a date and time (ISO 8601).") from None


def _lookup(table: dict, record: dict, key: str, what: str):
    value = record[key]
    if value not in table:
        raise BadField(key, f"{value!r} is not a {what} of this dump.")
    return table[value]


def _save(obj):
    """Field checks (choices, lengths, types) name the field; model-wide rules are the admin's, not ours."""
    obj.clean_fields()
    obj.save()
    return obj


@transaction.atomic
def dump_load(folder: Path) -> dict[str, int]:
    """Load the dump in `folder`; returns how many of each were created. All or nothing."""
    if Law.objects.exists():
        raise DumpError("The database already has laws: load a dump into an empty instance only.")
    sums = _manifest(folder)
    counts = dict.fromkeys(LOADED, 0)
    states, pending = _load_states(folder, sums, counts)
    articles = _load_instruments(folder, sums, counts)
    _load_treaty_statuses(folder, pending, counts)
    _each(folder, "laws", sums, lambda record: _load_law(record, states, articles, counts))
    recommendations = _load_recommendations(folder, sums, counts)

    def report(record):
        _save(ImplementationReport(
            recommendation=_lookup(recommendations, record, "recommendation", "recommendation"),
            state=_lookup(states, record, "state", "state") if record["state"] else None,
            status=record["status"], narrative=record["narrative"], evidence_links="\n".join(record["evidence_links"]),
            as_of=_date(record, "as_of"), accepted_at=_moment(record, "accepted_at") or timezone.now(),
            review_status=ReviewStatus.ACCEPTED, live=True, visibility="public", is_example=record["is_example"],
        ))  # fmt: skip
        counts["reports"] += 1

    _each(folder, "reports", sums, report)
    _load_events(folder, sums, states, counts)
    _load_statistics(folder, sums, states, counts)
    return counts


def _load_states(folder: Path, sums: dict, counts: dict) -> tuple[dict, list]:
    """The states by code, and each record with its state for the treaty statuses (which name
    instruments, read next)."""
    states, pending = {}, []

    def load(record):
        state = State.objects.filter(code=record["code"]).first()
        if state is None:
            state = _save(State(
                code=record["code"], alpha3=record["alpha3"], numeric=record["numeric"],
                official_languages=record["official_languages"],
                network_247_member=record["network_247_member"],
                network_247_since=_date(record, "network_247_since"),
            ))  # fmt: skip
            counts["states"] += 1
            if record["membership"]:
                _save(Membership(state=state, status=record["membership"]))
        states[record["code"]] = state
        pending.append((record, state))

    _each(folder, "states", sums, load)
    return states, pending


def _load_instruments(folder: Path, sums: dict, counts: dict) -> dict:
    articles = {}

    def load(record):
        instrument = Instrument.objects.filter(slug=record["slug"]).first()
        if instrument is None:
            instrument = _save(Instrument(
                slug=record["slug"], short_name=record["short_name"], title=record["title"], kind=record["kind"],
                reference=record["reference"], language=record["language"], adopted_on=_date(record, "adopted_on"),
                source_url=record["source_url"], entry_into_force=_date(record, "entry_into_force"),
            ))  # fmt: skip
            counts["instruments"] += 1
        for position, a in enumerate(record["articles"]):
            article = Article.objects.filter(instrument=instrument, number=a["number"]).first()
            if article is None:
                article = _save(Article(
                    instrument=instrument, number=a["number"], title=a["title"], chapter=a["chapter"],
                    section=a["section"], category=a["category"], provisional=a["provisional"], sort_order=position,
                ))  # fmt: skip
                counts["articles"] += 1
            articles[(instrument.slug, a["number"])] = article

    _each(folder, "instruments", sums, load)
    return articles


def _load_treaty_statuses(folder: Path, pending: list, counts: dict) -> None:
    instruments = {i.slug: i for i in Instrument.objects.all()}
    for index, (record, state) in enumerate(pending):
        with _record(folder, "states", index, record):
            for position, t in enumerate(record["treaty_statuses"]):
                if TreatyStatus.objects.filter(state=state, instrument__slug=t["instrument"]).exists():
                    continue
                _save(TreatyStatus(
                    state=state, instrument=_lookup(instruments, t, "instrument", "instrument"), status=t["status"],
                    invited_on=_date(t, "invited_on"), signed_on=_date(t, "signed_on"),
                    ratified_on=_date(t, "ratified_on"), in_force_on=_date(t, "in_force_on"),
                    as_of=_date(t, "as_of"), source_url=t["source_url"], is_example=t["is_example"],
                    sort_order=position,
                ))  # fmt: skip
                counts["treaty_statuses"] += 1


def _load_law(record: dict, states: dict, articles: dict, counts: dict) -> None:
    original = record["titles"].get(record["language"]) or next(iter(record["titles"].values()), "")
    law = _save(Law(
        state=_lookup(states, record, "state", "state"),
        identifier=record["identifier"],
        title=original,
        title_en=record["titles"].get("en", "") if record["language"] != "en" else "",
        language=record["language"],
        law_type=record["law_type"],
        status=record["status"],
        year=record["year"],
        enacted_on=_date(record, "enacted_on"),
        published_on=_date(record, "published_on"),
        in_force_on=_date(record, "in_force_on"),
        repealed_on=_date(record, "repealed_on"),
        frbr_uri=record["frbr_uri"],
        source_url=record["source_url"],
        gazette_reference=record["gazette_reference"],
        summary=next(iter(record["summary"].values()), ""),
        summary_language=next(iter(record["summary"]), "en"),
        is_example=record["is_example"],
        visibility="public",
        live=True,
    ))  # fmt: skip
    counts["laws"] += 1
    provisions = {}
    for position, p in enumerate(record["provisions"]):
        provision = _save(Provision(
            law=law, parent=provisions.get(p["parent"]), kind=p["kind"], number=p["number"], heading=p["heading"],
            text=p["text"], language=p["language"], valid_from=_date(p, "valid_from"), valid_to=_date(p, "valid_to"),
            sort_order=position,
        ))  # fmt: skip
        provisions[p["id"]] = provision
        counts["provisions"] += 1
        for m in p["mappings"]:
            key = (m["instrument"], m["article"])
            if key not in articles:
                raise BadField(
                    "mappings", f"article {m['article']} of {m['instrument']!r} is not in instruments.json."
                )
            _save(ProvisionMapping(
                provision=provision, article=articles[key], extent=m["extent"], note=m["note"], visibility="public",
                reviewed_at=timezone.now() if m["reviewed"] else None,
            ))  # fmt: skip
            counts["mappings"] += 1


def _load_recommendations(folder: Path, sums: dict, counts: dict) -> dict:
    meetings = {}

    def meeting(record):
        body = Body.objects.filter(Q(acronym=record["body"]) | Q(kind=record["body"])).first()
        if body is None:
            raise BadField("body", f"{record['body']!r} is none of this instance's bodies.")
        meetings[record["slug"]] = _save(Meeting(
            body=body, slug=record["slug"], number=record["number"], year=record["year"],
            start_date=_date(record, "start_date"), end_date=_date(record, "end_date"), place=record["place"],
            symbol=record["symbol"], original_language=record["original_language"], source_url=record["source_url"],
        ))  # fmt: skip
        counts["meetings"] += 1

    _each(folder, "meetings", sums, meeting)
    themes = {t.code: t for t in Theme.objects.all()}
    addressees = {a.code: a for a in Addressee.objects.all()}
    recommendations = {}

    def recommendation_(record):
        recommendation = _save(Recommendation(
            meeting=_lookup(meetings, record, "meeting", "meeting"), number=record["number"],
            language=record["language"], text=record["texts"][record["language"]],
        ))  # fmt: skip
        for position, s in enumerate(record["sub_items"]):
            _save(
                SubItem(
                    recommendation=recommendation, letter=s["letter"], text=s["text"], sort_order=position
                )
            )
        for position, (language, text) in enumerate(
            (lang, text) for lang, text in record["texts"].items() if lang != record["language"]
        ):
            _save(RecommendationTranslation(recommendation=recommendation, language=language, text=text,
                                            sort_order=position))  # fmt: skip
        recommendation.themes.set(
            [_lookup(themes, {"themes": c}, "themes", "theme") for c in record["themes"]]
        )
        recommendation.addressees.set(
            [_lookup(addressees, {"addressees": c}, "addressees", "addressee") for c in record["addressees"]]
        )
        recommendation.save()  # the parental many-to-many relations are written on save
        recommendations[record["id"]] = recommendation
        counts["recommendations"] += 1

    _each(folder, "recommendations", sums, recommendation_)

    def lineage(record):
        if record["previous"]:
            recommendation = recommendations[record["id"]]
            recommendation.previous = _lookup(recommendations, record, "previous", "recommendation")
            recommendation.save(update_fields=["previous"])

    _each(folder, "recommendations", sums, lineage)
    return recommendations


def _load_events(folder: Path, sums: dict, states: dict, counts: dict) -> None:
    themes = {t.code: t for t in Theme.objects.all()}
    meetings = {m.slug: m for m in Meeting.objects.all()}

    def load(record):
        event = _save(Event(
            slug=record["slug"], title=record["title"], text_language=record["language"], kind=record["kind"],
            summary=record["summary"], starts_at=_moment(record, "starts_at"), ends_at=_moment(record, "ends_at"),
            time_zone=record["time_zone"], format=record["format"], venue=record["venue"], city=record["city"],
            host_state=_lookup(states, record, "host_state", "state") if record["host_state"] else None,
            online_url=record["online_url"], languages=record["languages"],
            organisers="\n".join(record["organisers"]), partners="\n".join(record["partners"]),
            agenda="\n".join(record["agenda"]), is_example=record["is_example"],
            meeting=_lookup(meetings, record, "meeting", "meeting") if record["meeting"] else None,
        ))  # fmt: skip
        event.topics.set([_lookup(themes, {"topics": c}, "topics", "theme") for c in record["topics"]])
        event.save()
        counts["events"] += 1

    _each(folder, "events", sums, load)


def _load_statistics(folder: Path, sums: dict, states: dict, counts: dict) -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    parts = []

    def indicator(record):
        if record["code"] not in indicators:
            indicators[record["code"]] = _save(Indicator(
                code=record["code"], category=record["category"], offence=record["offence"],
                measure=record["measure"], unit=record["unit"],
                **{f"name_{lang}": text for lang, text in record["names"].items()},
                **{f"definition_{lang}": text for lang, text in record["definitions"].items()},
            ))  # fmt: skip
            counts["indicators"] += 1
            if record["part_of"]:
                parts.append(record["code"])

    _each(folder, "indicators", sums, indicator)

    def part_of(record):
        if record["code"] in parts:
            found = indicators[record["code"]]
            found.part_of = _lookup(indicators, record, "part_of", "indicator")
            found.save(update_fields=["part_of"])

    _each(folder, "indicators", sums, part_of)

    def statistics(record):
        statistics_return = _save(StatisticsReturn(
            state=_lookup(states, record, "state", "state"), year=record["year"], methodology=record["methodology"],
            status=ReturnStatus.VALIDATED, live=True, visibility="public", is_example=record["is_example"],
            validated_at=_moment(record, "validated_at"),
        ))  # fmt: skip
        counts["statistics"] += 1
        for v in record["values"]:
            _save(StatisticValue(
                statistics_return=statistics_return, indicator=_lookup(indicators, v, "indicator", "indicator"),
                value=v["value"], not_available=v["not_available"], note=v["note"],
            ))  # fmt: skip
            counts["statistic_values"] += 1

    _each(folder, "statistics", sums, statistics)
