"""Reads for the states pages: lists with filters, the country profile, instruments and their parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from django.db.models import Prefetch

from cyberportal.core.collation import collation_key, rank_by_name, sorted_by_name

from .models import (
    Instrument,
    Membership,
    MembershipStatus,
    SpecialisedUnit,
    State,
    TreatyStatus,
    TreatyStatusValue,
    _babel_locale,
)


def state_name_order(field: str = "state__code"):
    """Orders a queryset by the name of the state at `field` (its alpha-2 code) in the active
    language, in the database, so paginated lists need no extra query."""
    return _state_name_order(field, str(_babel_locale()))


@lru_cache(maxsize=64)
def _state_name_order(field: str, language: str):
    names = {c: n for c, n in _babel_locale(language).territories.items() if len(c) == 2 and c.isalpha()}
    return rank_by_name(field, names)


@dataclass
class StateFilters:
    instrument: str = ""  # an instrument slug
    treaty_status: str = ""  # "party", "signed", "invited", "none" or a TreatyStatusValue
    network_247: str = ""  # "yes" or "no"
    membership: str = ""  # a MembershipStatus value
    errors: list[str] = field(default_factory=list)


def _status_rows():
    return TreatyStatus.objects.select_related("instrument").order_by("instrument__order")


def states_for_list(filters: StateFilters) -> list[State]:
    """All states matching the filters, sorted by name in the active language."""
    states = State.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.order_by("sort_order")),
        Prefetch("treaty_statuses", queryset=_status_rows()),
    )
    if filters.network_247 in {"yes", "no"}:
        states = states.filter(network_247_member=filters.network_247 == "yes")
    if filters.instrument and filters.treaty_status:
        wanted = (
            TreatyStatusValue.party_values() if filters.treaty_status == "party" else [filters.treaty_status]
        )
        matching = TreatyStatus.objects.filter(instrument__slug=filters.instrument, status__in=wanted)
        if filters.treaty_status == TreatyStatusValue.NONE:
            states = states.exclude(
                treaty_statuses__instrument__slug=filters.instrument,
                treaty_statuses__status__in=[
                    v for v in TreatyStatusValue.values if v != TreatyStatusValue.NONE
                ],
            )
        else:
            states = states.filter(pk__in=matching.values("state_id"))
    result = list(states)
    if filters.membership in MembershipStatus.values:
        result = [
            s for s in result if s.current_membership and s.current_membership.status == filters.membership
        ]
    return sorted_by_name(result)


def state_for_profile(code: str) -> State | None:
    return (
        State.objects.filter(code=code.upper())
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.order_by("sort_order")),
            Prefetch("treaty_statuses", queryset=_status_rows()),
            "strategies",
        )
        .first()
    )


def units_visible_to(state: State, user) -> list[SpecialisedUnit]:
    return list(SpecialisedUnit.objects.filter(state=state).visible_to(user).order_by("sort_order"))


def instruments() -> list[Instrument]:
    return list(Instrument.objects.select_related("parent").order_by("order"))


def instrument_with_articles(slug: str) -> tuple[Instrument, list[tuple[str, list]]] | None:
    instrument = Instrument.objects.filter(slug=slug).select_related("parent").first()
    if instrument is None:
        return None
    articles = list(instrument.articles.order_by("sort_order"))
    chapters = [(chapter, list(items)) for chapter, items in groupby(articles, key=lambda a: a.chapter)]
    return instrument, chapters


def instrument_statuses(instrument: Instrument) -> list[TreatyStatus]:
    """Every recorded status for the instrument, parties first, then by state name."""
    rows = list(TreatyStatus.objects.filter(instrument=instrument).select_related("state"))
    order = {"ratified": 0, "acceded": 0, "signed": 1, "invited": 2, "none": 3}
    return sorted(rows, key=lambda r: (order.get(r.status, 9), collation_key(r.state.name)))


def treaty_changes(since, until):
    """Treaty events (signature, ratification or accession, entry into force) dated in (since, until]."""
    from cyberportal.core.changes import Change, as_moment, in_window

    statuses = TreatyStatus.objects.select_related("state", "instrument").order_by("pk")
    events = (("signed_on", "signed"), ("ratified_on", "ratified or acceded to"), ("in_force_on", "in force"))
    for status in statuses:
        for field_name, verb in events:
            day = getattr(status, field_name)
            if not in_window(day, since, until):
                continue
            instrument = status.instrument.display_short_name
            yield Change(
                source="treaties",
                key=f"treaty:{status.state_id}:{status.instrument_id}:{field_name}:{day.isoformat()}",
                title=f"{status.state.code} · {instrument}: {verb} ({day.isoformat()})",
                summary=status.note,
                url=status.state.get_absolute_url(),
                changed_at=as_moment(day),
                language="en",
            )
