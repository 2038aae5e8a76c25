"""Reads: the public (validated) figures for the regional and state pages and downloads; each user's returns.

Public pages and downloads read only `public_values()`: values of returns that the Secretariat validated
and that core.policy shows to an anonymous visitor. What a signed-in user may also see (their own
state's drafts) is read by `returns_for` and `return_for_form`, never by the public tables, so the
public pages are the same for everyone and a draft's existence never shows on them.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.dashboard import HomeTask
from cyberportal.states.models import State

from .models import Category, Indicator, ReturnStatus, StatisticsReturn, StatisticValue

# The figures the regional page compares over the years and draws first.
KEY_INDICATORS = [
    "cases-recorded-all",
    "cases-investigated-all",
    "cases-prosecuted-all",
    "cases-convicted-all",
    "mla-sent",
    "mla-received",
    "247-received",
    "preservation-received",
    "training-total",
]


def public_returns():
    """Returns whose values everyone may read: validated, and public by core.policy's rule."""
    return StatisticsReturn.objects.visible_to(AnonymousUser()).filter(
        live=True, status=ReturnStatus.VALIDATED
    )


def public_values():
    return StatisticValue.objects.filter(statistics_return__in=public_returns())


def public_years() -> list[int]:
    return sorted(set(public_returns().values_list("year", flat=True)), reverse=True)


def due_year() -> int:
    """The year whose return is due now: last calendar year's."""
    return timezone.localdate().year - 1


def active_indicators():
    """The indicators states report now: the pages' rows, the downloads' columns, the API's list."""
    return Indicator.objects.filter(active=True)


def indicators() -> list[Indicator]:
    return list(active_indicators())


def regional_table(year: int) -> list[dict]:
    """Per category, per indicator: the sum of the states' validated figures, how many states gave a
    figure and how many said not available."""
    totals = {
        row["indicator_id"]: row
        for row in public_values()
        .filter(statistics_return__year=year)
        .values("indicator_id")
        .annotate(
            total=Sum("value"),
            reporting=Count("pk", filter=Q(value__isnull=False)),
            unavailable=Count("pk", filter=Q(not_available=True)),
        )
    }
    groups: dict[str, list] = defaultdict(list)
    for indicator in indicators():
        row = totals.get(indicator.pk, {})
        groups[indicator.category].append(
            {
                "indicator": indicator,
                "total": row.get("total"),
                "reporting": row.get("reporting", 0),
                "unavailable": row.get("unavailable", 0),
            }
        )
    return [
        {"category": value, "label": label, "rows": groups[value]}
        for value, label in Category.choices
        if groups[value]
    ]


def over_years(years: list[int], codes=KEY_INDICATORS) -> list[dict]:
    """The regional sum of each key indicator per year (oldest first), and how many states it adds."""
    found = defaultdict(dict)
    for row in (
        public_values()
        .filter(indicator__code__in=codes, statistics_return__year__in=years)
        .values("indicator__code", "statistics_return__year")
        .annotate(total=Sum("value"), reporting=Count("pk", filter=Q(value__isnull=False)))
    ):
        found[row["indicator__code"]][row["statistics_return__year"]] = (row["total"], row["reporting"])
    by_code = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return [
        {
            "indicator": by_code[code],
            "cells": [(year, *found[code].get(year, (None, 0))) for year in sorted(years)],
        }
        for code in codes
        if code in by_code
    ]


def completeness(years: list[int]) -> dict:
    """Per state and year: the share of the indicators the validated return answers (a figure or 'not
    available'), or None without a validated return. Drafts and submissions do not show here."""
    asked = len(indicators())
    answered = defaultdict(dict)
    for row in (
        public_values()
        .filter(statistics_return__year__in=years, indicator__active=True)
        .filter(Q(value__isnull=False) | Q(not_available=True))
        .values("statistics_return__state_id", "statistics_return__year")
        .annotate(n=Count("pk"))
    ):
        answered[row["statistics_return__state_id"]][row["statistics_return__year"]] = row["n"]
    validated = set(public_returns().filter(year__in=years).values_list("state_id", "year"))
    rows = []
    for state in State.objects.order_by("code"):
        cells = []
        for year in years:
            if (state.pk, year) in validated:
                cells.append(round(100 * answered[state.pk].get(year, 0) / asked) if asked else 0)
            else:
                cells.append(None)
        rows.append({"state": state, "cells": cells})
    return {"years": years, "rows": rows, "asked": asked}


def state_table(state: State) -> dict:
    """One state's validated figures, indicators × years, with the notes and methodology of each year."""
    returns = list(public_returns().filter(state=state).order_by("year"))
    values = {
        (v.statistics_return_id, v.indicator_id): v
        for v in StatisticValue.objects.filter(statistics_return__in=returns)
    }
    rows = []
    for indicator in indicators():
        cells = [values.get((r.pk, indicator.pk)) for r in returns]
        rows.append({"indicator": indicator, "cells": cells})
    return {"returns": returns, "rows": rows}


def return_for_form(user, state: State, year: int) -> StatisticsReturn | None:
    """The return the form shows, if `user` may see it (core.policy: a draft only to its own focal
    point and the Secretariat)."""
    found = StatisticsReturn.objects.filter(state=state, year=year).select_related("state").first()
    if found is not None and not policy.can_view(user, found):
        return None
    return found


def values_of(statistics_return: StatisticsReturn | None) -> dict[str, StatisticValue]:
    if statistics_return is None:
        return {}
    return {v.indicator.code: v for v in statistics_return.values.select_related("indicator")}


def returns_for(user):
    """The returns a user works on: their own state's (focal point), every state's (Secretariat)."""
    queryset = StatisticsReturn.objects.select_related("state")
    if policy.can_validate_statistics(user):
        return queryset.order_by("-year", "state__code")
    return queryset.filter(state_id=policy.state_id_of(user)).order_by("-year")


def to_validate():
    return (
        StatisticsReturn.objects.filter(status=ReturnStatus.SUBMITTED)
        .select_related("state")
        .order_by("submitted_at")
    )


def home_tasks(user) -> list[HomeTask]:
    """A focal point: last year's return, until submitted; returned returns. The Secretariat: returns
    waiting for validation. Two queries at most, whatever the data."""
    from django.urls import reverse

    tasks = []
    if policy.can_validate_statistics(user):
        waiting = to_validate().count()
        tasks.append(
            HomeTask(
                label=_("Statistics returns to validate"),
                count=waiting,
                url=reverse("statistics:returns"),
                urgent=bool(waiting),
            )
        )
    elif policy.can_submit_statistics(user) and policy.state_id_of(user) is not None:
        year = due_year()
        mine = dict(
            StatisticsReturn.objects.filter(state_id=policy.state_id_of(user)).values_list("year", "status")
        )
        status = mine.get(year)
        if status in (None, ReturnStatus.DRAFT, ReturnStatus.RETURNED):
            state_code = (
                State.objects.filter(pk=policy.state_id_of(user)).values_list("code", flat=True).first()
            )
            tasks.append(
                HomeTask(
                    label=_("Statistics return for %(year)s due") % {"year": year},
                    count=1,
                    url=reverse("statistics:return", args=[state_code.lower(), year]) if state_code else "",
                    note=_("returned with a comment") if status == ReturnStatus.RETURNED else "",
                    urgent=True,
                )
            )
    return tasks


def profile_section_context(state, user) -> dict | None:
    """The country profile's line: which years of validated figures the state has, with the latest
    case totals; hidden when it has none."""
    returns = list(public_returns().filter(state=state).order_by("-year").values_list("year", flat=True))
    if not returns:
        return None
    latest = {
        v.indicator.code: v
        for v in public_values()
        .filter(statistics_return__state=state, statistics_return__year=returns[0], indicator__offence="all")
        .select_related("indicator")
    }
    return {
        "statistics_years": returns,
        "statistics_latest": [latest[c] for c in KEY_INDICATORS[:4] if c in latest],
    }


def campaign_submissions(since, state_ids, year) -> dict:
    """For an update campaign about `year` (core.campaigns): the states whose return for that year is
    submitted or validated, with when it was submitted. A return sent in before the campaign counts too."""
    rows = StatisticsReturn.objects.filter(
        year=year,
        state_id__in=list(state_ids),
        status__in=[ReturnStatus.SUBMITTED, ReturnStatus.VALIDATED],
        submitted_at__isnull=False,
    ).values_list("state_id", "submitted_at")
    return dict(rows)
