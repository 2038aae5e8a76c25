"""Reads of events and training: the list and the feed (events, and the meetings no event stands for),
one event with the materials the reader may see, participants by state, and the training-reach report.

Gender is only ever read as sums, and a sum below models.SMALL_CELL is never returned (gender_split).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cyberportal.core.collation import sorted_by_name
from cyberportal.recommendations.models import BodyKind, Meeting, Theme
from cyberportal.states.models import State

from .models import (
    SMALL_CELL,
    TRAINING_KINDS,
    Event,
    EventKind,
    EventMaterial,
    InstitutionKind,
    ParticipantRole,
    Participation,
)

WHEN = ("upcoming", "past", "all")


@dataclass
class EventFilters:
    state: State | None = None
    topic: Theme | None = None
    kind: str = ""
    when: str = "all"
    year: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.state or self.topic or self.kind or self.year)


def _invalid(label: str, value: str) -> str:
    return _("%(field)s: “%(value)s” is not a valid choice; it was ignored.") % {
        "field": label,
        "value": value[:50],
    }


def filters_from(params) -> EventFilters:
    """The filters a reader asked for; a value that is not a choice is dropped with a message naming it."""
    found = EventFilters()
    code = (params.get("state") or "").strip()
    if code:
        found.state = State.objects.filter(code=code.upper()[:2]).first() if len(code) == 2 else None
        if found.state is None:
            found.errors.append(_invalid(_("State"), code))
    topic = (params.get("topic") or "").strip()
    if topic:
        found.topic = Theme.objects.filter(code=topic[:20]).first()
        if found.topic is None:
            found.errors.append(_invalid(_("Topic"), topic))
    kind = (params.get("kind") or "").strip()
    if kind in EventKind.values:
        found.kind = kind
    elif kind:
        found.errors.append(_invalid(_("Kind"), kind))
    when = (params.get("when") or "").strip()
    if when in WHEN:
        found.when = when
    elif when:
        found.errors.append(_invalid(_("When"), when))
    year = (params.get("year") or "").strip()
    if year:
        if year.isascii() and year.isdigit() and 1990 <= int(year) <= 2100:
            found.year = int(year)
        else:
            found.errors.append(_invalid(_("Year"), year))
    return found


@dataclass
class EventItem:
    """What the list and the feed show of an event or of a meeting that no event stands for."""

    uid: str
    title: str
    url: str
    kind: str
    kind_label: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    all_day: bool
    place: str = ""
    online_url: str = ""
    summary: str = ""
    language: str = "en"
    topics: list[str] = field(default_factory=list)
    is_example: bool = False
    updated: datetime.datetime | None = None
    event: Event | None = None

    @property
    def start_date(self) -> datetime.date:
        return self.start if self.all_day else self.start.date()

    @property
    def end_date(self) -> datetime.date:
        return self.end if self.all_day else self.end.date()


def uid_domain() -> str:
    from urllib.parse import urlsplit

    from django.conf import settings

    return urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "")).hostname or "cyberportal.invalid"


def _event_item(event: Event, domain: str) -> EventItem:
    return EventItem(
        uid=f"event-{event.pk}@{domain}",
        title=event.title,
        url=event.get_absolute_url(),
        kind=event.kind,
        kind_label=event.get_kind_display(),
        start=event.local_start,
        end=event.local_end,
        all_day=False,
        place=event.place,
        online_url=event.online_url,
        summary=event.summary,
        language=event.text_language,
        topics=[t.code for t in event.topics.all()],
        is_example=event.is_example,
        updated=event.updated_at,
        event=event,
    )


MEETING_KINDS = {BodyKind.MINISTERIAL: EventKind.MINISTERS}


def _meeting_item(meeting: Meeting, domain: str) -> EventItem:
    kind = MEETING_KINDS.get(meeting.body.kind, EventKind.WORKING_GROUP)
    return EventItem(
        uid=f"meeting-{meeting.pk}@{domain}",
        title=str(meeting),
        url=meeting.get_absolute_url(),
        kind=kind,
        kind_label=EventKind(kind).label,
        start=meeting.start_date,
        end=meeting.end_date or meeting.start_date,
        all_day=True,
        place=meeting.place,
        language=meeting.original_language,
        topics=sorted({t.code for r in meeting.recommendations.all() for t in r.themes.all()}),
    )


def _events(filters: EventFilters):
    queryset = Event.objects.select_related("host_state").prefetch_related("topics")
    if filters.state:
        queryset = queryset.filter(Q(host_state=filters.state) | Q(participations__state=filters.state))
    if filters.topic:
        queryset = queryset.filter(topics=filters.topic)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.year:
        queryset = queryset.filter(starts_at__year=filters.year)
    return queryset.distinct()


def events_for_list(filters: EventFilters | None = None):
    """The events the list, the feeds, the sitemap and the API read: every event is public (its
    materials carry their own visibility, `visible_materials`)."""
    return _events(filters or EventFilters())


def _meetings(filters: EventFilters):
    """Meetings that no event stands for, dated; a meeting has no host state or participants recorded,
    so a state filter leaves them out."""
    if filters.state or (filters.kind and filters.kind not in (EventKind.MINISTERS, EventKind.WORKING_GROUP)):
        return []
    queryset = (
        Meeting.objects.filter(event__isnull=True, start_date__isnull=False)
        .select_related("body")
        .prefetch_related("recommendations__themes")
    )
    if filters.kind == EventKind.MINISTERS:
        queryset = queryset.filter(body__kind=BodyKind.MINISTERIAL)
    elif filters.kind == EventKind.WORKING_GROUP:
        queryset = queryset.exclude(body__kind=BodyKind.MINISTERIAL)
    if filters.topic:
        queryset = queryset.filter(recommendations__themes=filters.topic)
    if filters.year:
        queryset = queryset.filter(start_date__year=filters.year)
    return queryset.distinct()


def event_items(filters: EventFilters, today: datetime.date | None = None) -> list[EventItem]:
    """Events and meetings, oldest first, filtered; `when` splits them at today."""
    domain = uid_domain()
    items = [_event_item(e, domain) for e in events_for_list(filters)]
    items += [_meeting_item(m, domain) for m in _meetings(filters)]
    today = today or timezone.localdate()
    if filters.when == "upcoming":
        items = [i for i in items if i.end_date >= today]
    elif filters.when == "past":
        items = [i for i in items if i.end_date < today]
    items.sort(key=lambda i: (i.start_date, i.title))
    return items


def event_detail(slug: str) -> Event | None:
    return (
        Event.objects.select_related("host_state", "meeting__body")
        .prefetch_related("topics")
        .filter(slug=slug)
        .first()
    )


def visible_materials(event: Event, user) -> list[EventMaterial]:
    """The event's materials the user may see (core.policy); the others are not mentioned at all."""
    return list(EventMaterial.objects.visible_to(user).filter(event=event).order_by("sort_order", "pk"))


def material_for(pk: int, user) -> EventMaterial | None:
    return EventMaterial.objects.visible_to(user).select_related("event").filter(pk=pk).first()


# --- Participants and gender --------------------------------------------------------------------------


@dataclass
class GenderSplit:
    women: int | None  # None: suppressed (small cell) or not reported
    men: int | None
    suppressed: bool


def gender_split(women: int | None, men: int | None) -> GenderSplit:
    """The two sums, or neither: each is shown only when both are at least SMALL_CELL, since one shown
    next to the total would give the other away."""
    women, men = women or 0, men or 0
    if not women and not men:
        return GenderSplit(None, None, False)
    if women < SMALL_CELL or men < SMALL_CELL:
        return GenderSplit(None, None, True)
    return GenderSplit(women, men, False)


@dataclass
class StateParticipants:
    state: State
    by_kind: dict[str, int]
    total: int


def participants_by_state(event: Event) -> tuple[list[StateParticipants], int, GenderSplit]:
    """Per state: people by institution kind (every role); the event's total and its gender split."""
    rows: dict[int, StateParticipants] = {}
    women = men = total = 0
    for p in Participation.objects.filter(event=event).select_related("state"):
        row = rows.setdefault(p.state_id, StateParticipants(p.state, {}, 0))
        row.by_kind[p.institution_kind] = row.by_kind.get(p.institution_kind, 0) + p.count
        row.total += p.count
        total += p.count
        women += p.women or 0
        men += p.men or 0
    states = {row.state: row for row in rows.values()}
    ordered = [states[s] for s in sorted_by_name(list(states))]
    return ordered, total, gender_split(women, men)


# --- Training reach --------------------------------------------------------------------------------------

REACH_KINDS = [
    InstitutionKind.PROSECUTION,
    InstitutionKind.JUDICIARY,
    InstitutionKind.POLICE,
    InstitutionKind.CENTRAL_AUTHORITY,
    InstitutionKind.MINISTRY,
    InstitutionKind.OTHER,
]


@dataclass
class ReachRow:
    year: int
    key: str  # a state's code or a topic's code
    label: str
    by_kind: dict[str, int]
    total: int
    gender: GenderSplit

    @property
    def counts(self) -> list[int]:
        return [self.by_kind.get(kind, 0) for kind in REACH_KINDS]

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(InstitutionKind(kind).label, self.by_kind.get(kind, 0)) for kind in REACH_KINDS]


def _trained(filters: EventFilters):
    """Participant groups that count as trained: participants (not speakers or organisers) of workshops
    and courses."""
    queryset = Participation.objects.filter(
        event__kind__in=TRAINING_KINDS, role=ParticipantRole.PARTICIPANT
    ).annotate(year=ExtractYear("event__starts_at"))
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.topic:
        queryset = queryset.filter(event__topics=filters.topic)
    if filters.kind:
        queryset = queryset.filter(event__kind=filters.kind)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    return queryset


def _rows(grouped, labels: dict[str, str]) -> list[ReachRow]:
    rows: dict[tuple[int, str], dict] = {}
    for entry in grouped:
        key = (entry["year"], entry["key"] or "")
        row = rows.setdefault(key, {"by_kind": {}, "women": 0, "men": 0})
        row["by_kind"][entry["institution_kind"]] = entry["people"] or 0
        row["women"] += entry["women_sum"] or 0
        row["men"] += entry["men_sum"] or 0
    result = [
        ReachRow(
            year=year,
            key=key,
            label=labels.get(key, key) if key else _("No topic given"),
            by_kind=data["by_kind"],
            total=sum(data["by_kind"].values()),
            gender=gender_split(data["women"], data["men"]),
        )
        for (year, key), data in rows.items()
    ]
    result.sort(key=lambda r: (-r.year, r.label))
    return result


def _grouped(queryset, key: str):
    return (
        queryset.annotate(key=F(key))
        .values("year", "institution_kind", "key")
        .annotate(people=Sum("count"), women_sum=Sum("women"), men_sum=Sum("men"))
        .order_by()
    )


def reach_by_state(filters: EventFilters) -> list[ReachRow]:
    """People trained per state and year, by institution kind (a person trained twice counts twice)."""
    labels = {s.code: str(s) for s in State.objects.all()}
    return _rows(_grouped(_trained(filters), "state__code"), labels)


def reach_by_topic(filters: EventFilters) -> list[ReachRow]:
    """People trained per topic and year: an event on two topics counts its people under each."""
    labels = {t.code: str(t) for t in Theme.objects.all()}
    return _rows(_grouped(_trained(filters), "event__topics__code"), labels)


def reach_years() -> list[int]:
    return sorted(
        {d.year for d in Event.objects.filter(kind__in=TRAINING_KINDS).dates("starts_at", "year")},
        reverse=True,
    )


def event_changes(since, until):
    """Events announced or changed in (since, until], for the bulletin: every event is public (their
    materials, which may not be, are not part of a change)."""
    from cyberportal.core.changes import Change

    events = Event.objects.select_related("host_state").filter(updated_at__lte=until)
    if since is not None:
        events = events.filter(updated_at__gt=since)
    for event in events.order_by("-updated_at")[:200]:
        when = date_format(timezone.localtime(event.starts_at, event.zone).date(), "DATE_FORMAT")
        place = ", ".join(
            part for part in (event.city, event.host_state.name if event.host_state else "") if part
        )
        yield Change(
            source="events",
            key=f"event:{event.pk}:{event.updated_at:%Y%m%d%H%M%S}",
            title=event.title,
            summary=" · ".join(part for part in (when, place) if part),
            url=event.get_absolute_url(),
            changed_at=event.updated_at,
            language=event.text_language,
        )
