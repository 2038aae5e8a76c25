"""Writes with rules for states and instruments: loading a network's reference data, editing a state.

Reference data is a JSON file per network (`reference/oas.json` for the first one) plus the shared
instruments file. Loading is idempotent and atomic: run it twice and nothing is duplicated; a bad file
changes nothing and the error names the record and field. Records that already exist are left as the
Secretariat edited them, unless `update=True` asks the file to win.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import pycountry
from babel.languages import get_official_languages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cyberportal.core.timezones import state_zones

from .models import (
    Article,
    Instrument,
    Membership,
    MembershipStatus,
    NationalStrategy,
    NetworkChange,
    Organisation,
    State,
    StateProfileProposal,
    TreatyStatus,
    TreatyStatusProposal,
    TreatyStatusValue,
)

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
DEFAULT_NETWORK_FILE = REFERENCE_DIR / "oas.json"
INSTRUMENTS_FILE = REFERENCE_DIR / "instruments.json"
TRANSLATIONS_FILE = REFERENCE_DIR / "instruments_translations.json"


class ReferenceDataError(ValueError):
    """Bad reference data; the message names the file, the record and the field."""


@dataclass
class LoadReport:
    states: int = 0
    instruments: int = 0
    articles: int = 0
    organisations: int = 0


def _date(value: str | None, where: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ReferenceDataError(f"{where}: {value!r} is not a date in YYYY-MM-DD form") from error


def iso_codes(alpha2: str) -> tuple[str, str]:
    """Alpha-3 and numeric codes for an alpha-2 code, from pycountry's copy of ISO 3166-1."""
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    if country is None:
        raise ReferenceDataError(f"{alpha2!r} is not an ISO 3166-1 alpha-2 code")
    return country.alpha_3, country.numeric


def official_languages(alpha2: str) -> list[str]:
    """Official languages from CLDR, official ones first (e.g. ["es", "gn"] for Paraguay)."""
    return list(get_official_languages(alpha2.upper(), de_facto=True))


def time_zones(alpha2: str) -> list[str]:
    """A state's zones from CLDR, its capital's first: the first zone is the one its hours are read in."""
    return state_zones(alpha2)


def _read(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ReferenceDataError(f"{path}: no such file") from error
    except json.JSONDecodeError as error:
        raise ReferenceDataError(f"{path}: line {error.lineno}: {error.msg}") from error


def _validated(instance, where: str):
    try:
        instance.full_clean(exclude=["state", "instrument"] if hasattr(instance, "state_id") else None)
    except ValidationError as error:
        fields = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise ReferenceDataError(f"{where}: {fields}") from error
    return instance


def _upsert(model, *, update: bool, defaults: dict, **lookup):
    """update_or_create when the file wins, get_or_create when existing edits win."""
    if update:
        return model.objects.update_or_create(defaults=defaults, **lookup)
    return model.objects.get_or_create(defaults=defaults, **lookup)


@transaction.atomic
def reference_data_load(
    *,
    network_file: Path = DEFAULT_NETWORK_FILE,
    instruments_file: Path = INSTRUMENTS_FILE,
    translations_file: Path | None = TRANSLATIONS_FILE,
    update: bool = False,
) -> LoadReport:
    """Create or update the instruments, organisations and states described by the two files."""
    report = LoadReport()
    instruments = _read(instruments_file).get("instruments", [])
    by_slug: dict[str, Instrument] = {}
    for i, data in enumerate(instruments, start=1):
        where = f"{Path(instruments_file).name}: instrument {i} ({data.get('slug', '?')})"
        instrument, _created = _upsert(
            Instrument,
            update=update,
            slug=data["slug"],
            defaults={
                "short_name": data["short_name"],
                "title": data["title"],
                "kind": data.get("kind", "convention"),
                "reference": data.get("reference", ""),
                "adopted_on": _date(data.get("adopted_on"), where),
                "place": data.get("place", ""),
                "entry_into_force": _date(data.get("entry_into_force"), where),
                "entry_into_force_note": data.get("entry_into_force_note", ""),
                "language": data.get("language", "en"),
                "source_url": data.get("source_url", ""),
                "source_note": data.get("source_note", ""),
                "order": data.get("order", i),
                "parent": by_slug.get(data.get("parent", "")),
            },
        )
        by_slug[instrument.slug] = instrument
        report.instruments += 1
        for position, article in enumerate(data.get("articles", [])):
            _upsert(
                Article,
                update=update,
                instrument=instrument,
                number=article["number"],
                defaults={
                    "title": article["title"],
                    "chapter": article.get("chapter", ""),
                    "section": article.get("section", ""),
                    "category": article["category"],
                    "provisional": article.get("provisional", False),
                    "sort_order": position,
                },
            )
            report.articles += 1

    if translations_file is not None and Path(translations_file).exists():
        instrument_translations_apply(_read(translations_file), update=update)

    network = _read(network_file)
    for data in network.get("organisations", []):
        _upsert(
            Organisation,
            update=update,
            name=data["name"],
            defaults={
                "acronym": data.get("acronym", ""),
                "kind": data.get("kind", "international"),
                "url": data.get("url", ""),
            },
        )
        report.organisations += 1

    for i, data in enumerate(network.get("states", []), start=1):
        code = str(data.get("code", "")).upper()
        where = f"{Path(network_file).name}: state {i} ({code or '?'})"
        try:
            alpha3, numeric = iso_codes(code)
        except ReferenceDataError as error:
            raise ReferenceDataError(f"{where}: code: {error}") from error
        network_247 = data.get("network_247", {})
        state, created = _upsert(
            State,
            update=update,
            code=code,
            defaults={
                "alpha3": alpha3,
                "numeric": numeric,
                "official_languages": data.get("official_languages") or official_languages(code),
                "time_zones": data.get("time_zones") or time_zones(code),
                "network_247_member": bool(network_247.get("member", False)),
                "network_247_since": _date(network_247.get("since"), where),
                "network_247_source": network_247.get("source_url", ""),
                "network_247_is_example": bool(network_247.get("is_example", False)),
            },
        )
        if created or update:
            _replace_memberships(state, data.get("memberships", []), where)
        _load_treaty_statuses(state, data.get("treaty_statuses", []), by_slug, where, update)
        report.states += 1
    return report


def _replace_memberships(state: State, periods: list[dict], where: str) -> None:
    state.memberships.all().delete()
    for n, period in enumerate(periods, start=1):
        here = f"{where}: membership {n}"
        if period.get("status") not in MembershipStatus.values:
            raise ReferenceDataError(
                f"{here}: status: {period.get('status')!r} is not one of {', '.join(MembershipStatus.values)}"
            )
        _validated(
            Membership(
                state=state,
                status=period["status"],
                since=_date(period.get("since"), here),
                since_year=period.get("since_year"),
                until=_date(period.get("until"), here),
                note=period.get("note", ""),
                source_url=period.get("source_url", ""),
                is_example=period.get("is_example", False),
                sort_order=n,
            ),
            here,
        ).save()


def _load_treaty_statuses(
    state: State, statuses: list[dict], instruments: dict, where: str, update: bool
) -> None:
    for n, item in enumerate(statuses, start=1):
        here = f"{where}: treaty status {n}"
        instrument = (
            instruments.get(item.get("instrument"))
            or Instrument.objects.filter(slug=item.get("instrument")).first()
        )
        if instrument is None:
            raise ReferenceDataError(f"{here}: instrument: unknown instrument {item.get('instrument')!r}")
        if item.get("status") not in TreatyStatusValue.values:
            raise ReferenceDataError(
                f"{here}: status: {item.get('status')!r} is not one of {', '.join(TreatyStatusValue.values)}"
            )
        _upsert(
            TreatyStatus,
            update=update,
            state=state,
            instrument=instrument,
            defaults={
                "status": item["status"],
                "invited_on": _date(item.get("invited_on"), here),
                "signed_on": _date(item.get("signed_on"), here),
                "ratified_on": _date(item.get("ratified_on"), here),
                "in_force_on": _date(item.get("in_force_on"), here),
                "source_url": item.get("source_url", ""),
                "as_of": _date(item.get("as_of"), here),
                "note": item.get("note", ""),
                "is_example": item.get("is_example", False),
                "sort_order": n,
            },
        )


def instrument_translations_apply(data: dict, *, update: bool = False) -> int:
    """Store instrument names and article titles in other languages (instruments_translations.json).

    A language already stored is kept unless `update` (an editor may have corrected it); a language
    missing in the file stays missing, and the portal shows the original with a marker. Returns the
    number of articles touched."""
    touched = 0
    for slug, entry in (data.get("instruments") or {}).items():
        instrument = Instrument.objects.filter(slug=slug).first()
        if instrument is None:
            continue
        names = dict(instrument.translations or {})
        for language, values in (entry.get("names") or {}).items():
            if update or language not in names:
                names[language] = values
        if names != instrument.translations:
            Instrument.objects.filter(pk=instrument.pk).update(translations=names)
        titles = entry.get("titles") or {}
        sections = entry.get("sections") or {}
        for article in instrument.articles.all():
            stored = dict(article.translations or {})
            for language in {*sections_languages(sections), *(titles.get(article.number) or {})}:
                wanted = {
                    "title": (titles.get(article.number) or {}).get(language, ""),
                    "chapter": (sections.get(article.chapter) or {}).get(language, ""),
                    "section": (sections.get(article.section) or {}).get(language, ""),
                }
                wanted = {k: v for k, v in wanted.items() if v}
                if wanted and (update or language not in stored):
                    stored[language] = wanted
            if stored != article.translations:
                Article.objects.filter(pk=article.pk).update(translations=stored)
                touched += 1
    return touched


def sections_languages(sections: dict) -> set[str]:
    return {language for names in sections.values() for language in names}


# --- Treaty-status proposals (core.moderation) -------------------------------------------------------


@transaction.atomic
def treaty_status_proposal_apply(*, proposal: TreatyStatusProposal) -> TreatyStatus:
    """Write an approved proposal into its state's treaty status, with its source, checked as of today.

    Fields the proposal leaves empty keep what the profile had (a proposal to record a ratification
    need not repeat the signature's date)."""
    status, _created = TreatyStatus.objects.get_or_create(
        state=proposal.state, instrument=proposal.instrument
    )
    status.status = proposal.status
    for name in ("signed_on", "ratified_on", "in_force_on"):
        value = getattr(proposal, name)
        if value is not None:
            setattr(status, name, value)
    status.source_url = proposal.source_url
    status.as_of = timezone.localdate()
    status.note = proposal.note
    status.is_example = proposal.is_example
    status.full_clean()
    status.save()
    TreatyStatusProposal.objects.filter(pk=proposal.pk).update(applied_at=timezone.now())
    return status


def treaty_status_proposal_published(sender, instance, **kwargs) -> None:
    """Receiver of Wagtail's `published` signal for proposals (connected in apps.py)."""
    treaty_status_proposal_apply(proposal=instance)


# --- State profile proposals (core.moderation) -------------------------------------------------------


@transaction.atomic
def state_profile_proposal_apply(*, proposal: StateProfileProposal, user=None) -> State:
    """Write an approved profile proposal into its state, and record it in the state's history.

    Fields the proposal leaves empty keep what the profile had. The state's new revision (with a log
    entry, "edited") is the state's audit trail, under `user` (the proposer); Wagtail's own log of the
    proposal records who approved and published it."""
    state = State.objects.select_for_update().get(pk=proposal.state_id)
    if proposal.network_247:
        state.network_247_member = proposal.network_247 == NetworkChange.JOIN
        if not state.network_247_member:
            state.network_247_since = None
        state.network_247_source = proposal.source_url
        state.network_247_is_example = proposal.is_example
    if proposal.network_247_since:
        state.network_247_since = proposal.network_247_since
        state.network_247_source = proposal.source_url
    if proposal.official_languages:
        state.official_languages = list(proposal.official_languages)
    if proposal.time_zones:
        state.time_zones = list(proposal.time_zones)
    state.full_clean(exclude=["code", "alpha3"])
    state.save()
    if proposal.strategy_title:
        strategy = NationalStrategy.objects.filter(state=state, title=proposal.strategy_title).first()
        if strategy is None:
            strategy = NationalStrategy(
                state=state, title=proposal.strategy_title, sort_order=state.strategies.count()
            )
        if proposal.strategy_year:
            strategy.year = proposal.strategy_year
        if proposal.strategy_url:
            strategy.url = proposal.strategy_url
        strategy.is_example = proposal.is_example
        strategy.save()
    state.save_revision(user=user, log_action=True)
    StateProfileProposal.objects.filter(pk=proposal.pk).update(applied_at=timezone.now())
    return state


def state_profile_proposal_published(sender, instance, revision=None, **kwargs) -> None:
    """Receiver of Wagtail's `published` signal for profile proposals (connected in apps.py)."""
    user = getattr(revision, "user", None) if revision is not None else None
    state_profile_proposal_apply(proposal=instance, user=user)
