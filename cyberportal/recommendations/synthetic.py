"""Synthetic meetings, recommendations and implementation reports for the benchmark's large scale.

5,000 recommendations over 200 meetings of the three bodies (1999-2025), each with one or two themes
and addressees; some repeat or continue an earlier one; those addressed to the states carry reports
from a sample of states (a realistic mix of statuses, mostly accepted, a few drafts, a few restricted),
and some addressed to the Secretariat carry its report. Texts are invented; every meeting says so in its
source name and every report is labelled as an example (recommendations have no such flag: the
meeting's source carries it). Written in bulk; deterministic for a given seed.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cyberportal.core.roles import Visibility
from cyberportal.states.models import State

from .models import (
    Addressee,
    Body,
    BodyKind,
    ImplementationReport,
    ImplementationStatus,
    LineageKind,
    Meeting,
    Recommendation,
    ReviewStatus,
    Theme,
)
from .services import meeting_slug

LARGE_RECOMMENDATIONS = 5_000
PER_MEETING = 25
SYNTHETIC_SOURCE = "Synthetic benchmark meeting (example, not a real document)"
STATUSES = [
    (ImplementationStatus.IMPLEMENTED, 35),
    (ImplementationStatus.IN_PROGRESS, 35),
    (ImplementationStatus.NOT_STARTED, 20),
    (ImplementationStatus.NOT_APPLICABLE, 10),
]
MAX_REPORTING_STATES = 12  # per recommendation; most states report on few of thousands of recommendations
NARRATIVE = "Example report written for the benchmark: {status}."


def synthetic_meetings():
    return Meeting.objects.filter(source_name=SYNTHETIC_SOURCE)


@transaction.atomic
def recommendations_create(
    *, recommendations: int, states: list[State], per_meeting: int = PER_MEETING, seed: int = 7
) -> dict[str, int]:
    """Write `recommendations` recommendations in meetings of `per_meeting`, with states' reports."""
    if recommendations <= 0:
        return {}
    # One generator through every step, in this order: the same seed gives the same data.
    rng = random.Random(seed)
    meetings = _meetings_create(count=-(-recommendations // per_meeting), rng=rng)
    saved = _recommendations_write(
        meetings=meetings, recommendations=recommendations, per_meeting=per_meeting
    )
    _lineage_link(saved, per_meeting=per_meeting, rng=rng)
    to_states, to_secretariat = _themes_and_addressees_link(saved, rng=rng)
    reports = _reports_create(to_states, to_secretariat, states=states, rng=rng)
    return {
        "meetings": len(meetings),
        "recommendations": len(saved),
        "implementation reports": reports,
    }


def _meetings_create(*, count: int, rng: random.Random) -> list[Meeting]:
    """`count` meetings, the three bodies in turn, spread over 1999-2025."""
    bodies = {b.kind: b for b in Body.objects.all()}
    kinds = [BodyKind.WORKING_GROUP, BodyKind.MINISTERIAL, BodyKind.EXPERTS]
    meetings = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        number = f"S{n + 1}"
        year = 1999 + n * 27 // max(count, 1)
        start = datetime.date(year, 1 + n % 12, 1 + n % 27)
        meetings.append(
            Meeting(
                body=bodies[kind],
                number=number,
                slug=meeting_slug(kind, number),
                year=year,
                start_date=start,
                end_date=start + datetime.timedelta(days=2),
                place="Washington, D.C." if n % 2 else "Example city",
                symbol=f"SYN/doc.{n + 1}/{year % 100:02d}",
                original_language=rng.choice(["en", "es"]),
                source_name=SYNTHETIC_SOURCE,
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=500)
    return list(synthetic_meetings().order_by("pk"))


def _recommendations_write(*, meetings: list[Meeting], recommendations: int, per_meeting: int) -> list:
    rows = []
    for index in range(recommendations):
        meeting = meetings[index // per_meeting]
        number = index % per_meeting + 1
        rows.append(
            Recommendation(
                meeting=meeting,
                number=number,
                language=meeting.original_language,
                text=(
                    f"Synthetic recommendation {number} of {meeting.symbol} (example text): to continue "
                    "strengthening cooperation against cybercrime, the exchange of electronic evidence "
                    "and the training of specialised units."
                ),
            )
        )
    Recommendation.objects.bulk_create(rows, batch_size=2000)
    return list(Recommendation.objects.filter(meeting__in=meetings).order_by("meeting_id", "number"))


def _lineage_link(saved: list[Recommendation], *, per_meeting: int, rng: random.Random) -> None:
    """About one in six repeats or continues a recommendation of an earlier meeting."""
    earlier_updates = []
    for position, recommendation in enumerate(saved):
        if position >= per_meeting and rng.random() < 0.15:
            recommendation.previous_id = saved[rng.randrange(0, position - position % per_meeting)].pk
            recommendation.lineage_kind = rng.choice(LineageKind.values)
            earlier_updates.append(recommendation)
    Recommendation.objects.bulk_update(earlier_updates, ["previous", "lineage_kind"], batch_size=2000)


def _addressee_codes(rng: random.Random) -> list[str]:
    """Mostly the states, some the states and the Secretariat, the rest one other addressee."""
    roll = rng.random()
    if roll < 0.6:
        return [Addressee.Code.STATES]
    if roll < 0.75:
        return [Addressee.Code.STATES, Addressee.Code.TECHNICAL_SECRETARIAT]
    return [
        rng.choice(
            [
                Addressee.Code.TECHNICAL_SECRETARIAT,
                Addressee.Code.WORKING_GROUP,
                Addressee.Code.GENERAL_SECRETARIAT,
                Addressee.Code.PARTNERS,
            ]
        )
    ]


def _themes_and_addressees_link(
    saved: list[Recommendation], *, rng: random.Random
) -> tuple[list[Recommendation], list[Recommendation]]:
    """One or two themes and the addressees of each; returns those addressed to the states and to the
    Secretariat, the ones that get reports."""
    themes = list(Theme.objects.order_by("pk"))
    addressees = {a.code: a for a in Addressee.objects.all()}
    theme_links, addressee_links = [], []
    to_states, to_secretariat = [], []
    for recommendation in saved:
        for theme in rng.sample(themes, k=rng.choice([1, 1, 2])):
            theme_links.append(
                Recommendation.themes.through(recommendation_id=recommendation.pk, theme_id=theme.pk)
            )
        codes = _addressee_codes(rng)
        for code in codes:
            addressee_links.append(
                Recommendation.addressees.through(
                    recommendation_id=recommendation.pk, addressee_id=addressees[code].pk
                )
            )
        if Addressee.Code.STATES in codes:
            to_states.append(recommendation)
        if Addressee.Code.TECHNICAL_SECRETARIAT in codes:
            to_secretariat.append(recommendation)
    Recommendation.themes.through.objects.bulk_create(theme_links, batch_size=5000)
    Recommendation.addressees.through.objects.bulk_create(addressee_links, batch_size=5000)
    return to_states, to_secretariat


def _reports_create(
    to_states: list[Recommendation],
    to_secretariat: list[Recommendation],
    *,
    states: list[State],
    rng: random.Random,
) -> int:
    """Reports from a sample of states, and from the Secretariat on half of its recommendations."""
    states = sorted(states, key=lambda s: s.code)
    now = timezone.now()
    reports = []
    for recommendation in to_states:
        for state in rng.sample(states, k=min(len(states), rng.randint(0, MAX_REPORTING_STATES))):
            visibility = Visibility.PUBLIC if rng.random() < 0.9 else Visibility.STATE
            reports.append(_report(recommendation, state, visibility, rng=rng, now=now))
    for recommendation in to_secretariat:
        if rng.random() < 0.5:
            reports.append(_report(recommendation, None, Visibility.PUBLIC, rng=rng, now=now))
    ImplementationReport.objects.bulk_create(reports, batch_size=2000)
    return len(reports)


def _report(recommendation, state, visibility, *, rng: random.Random, now) -> ImplementationReport:
    statuses, weights = zip(*STATUSES, strict=True)
    status = rng.choices(statuses, weights)[0]
    accepted = rng.random() < 0.85
    year = min(recommendation.meeting.year + rng.randint(1, 4), 2025)
    return ImplementationReport(
        recommendation=recommendation,
        state=state,
        status=status,
        narrative=NARRATIVE.format(status=ImplementationStatus(status).label),
        as_of=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        review_status=ReviewStatus.ACCEPTED if accepted else ReviewStatus.DRAFT,
        accepted_at=now if accepted else None,
        live=accepted,
        visibility=visibility,
        is_example=True,
    )


def recommendations_generate(
    scale: str, *, recommendations: int = LARGE_RECOMMENDATIONS, seed: int = 7
) -> dict[str, int]:
    """The benchmark's large scale: 5,000 recommendations with implementation reports."""
    if scale != "large":
        return {}
    return recommendations_create(
        recommendations=recommendations, states=list(State.objects.order_by("code")), seed=seed
    )
