"""Reads of recommendations and reports that join or filter by permission."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Q

from cyberportal.core import policy
from cyberportal.core.collation import sorted_by_name
from cyberportal.states.selectors import state_name_order

from .models import (
    SECRETARIAT_ADDRESSEES,
    Addressee,
    ImplementationReport,
    ImplementationStatus,
    Meeting,
    Recommendation,
    ReviewStatus,
)


def meetings():
    return Meeting.objects.select_related("body").order_by("year", "start_date", "pk")


def recommendations_of(meeting):
    return (
        Recommendation.objects.filter(meeting=meeting)
        .select_related("meeting__body", "previous__meeting__body")
        .prefetch_related("sub_items", "themes", "addressees", "translations")
        .order_by("number")
    )


def recommendation(slug: str, number: int):
    return (
        Recommendation.objects.select_related("meeting__body", "previous")
        .prefetch_related("sub_items", "themes", "addressees", "translations", "followed_by__meeting__body")
        .filter(meeting__slug=slug, number=number)
        .first()
    )


def accepted_reports(user):
    """Reports that count: accepted by the Secretariat, and visible to `user`."""
    return (
        ImplementationReport.objects.visible_to(user)
        .filter(review_status=ReviewStatus.ACCEPTED)
        .select_related("state", "recommendation__meeting")
    )


def state_reports(recommendation, user):
    return (
        accepted_reports(user)
        .filter(recommendation=recommendation, state__isnull=False)
        .order_by(state_name_order())
    )


def secretariat_report(recommendation, user):
    return accepted_reports(user).filter(recommendation=recommendation, state__isnull=True).first()


def by_theme(code: str):
    return (
        Recommendation.objects.filter(themes__code=code)
        .select_related("meeting__body")
        .prefetch_related("sub_items")
        .order_by("meeting__year", "meeting__start_date", "number")
    )


def addressed_to_states():
    return Recommendation.objects.filter(addressees__code=Addressee.Code.STATES).distinct()


def addressed_to_secretariat():
    return Recommendation.objects.filter(addressees__code__in=SECRETARIAT_ADDRESSEES).distinct()


def rows_for_state(state, user):
    """Every recommendation addressed to the states, with `state`'s report where `user` may see it."""
    recommendations = list(
        addressed_to_states()
        .select_related("meeting__body")
        .order_by("meeting__year", "meeting__start_date", "number")
    )
    reports = ImplementationReport.objects.visible_to(user).filter(state=state)
    if not policy.can_edit(user, ImplementationReport(state=state)):
        reports = reports.filter(review_status=ReviewStatus.ACCEPTED)
    by_recommendation = {r.recommendation_id: r for r in reports}
    return [(r, by_recommendation.get(r.pk)) for r in recommendations]


PROFILE_REPORTS = 25  # the latest reports a profile lists; the counts cover all of them


def profile_section_context(state, user) -> dict | None:
    """The state's accepted reports counted by status, and the latest few: a profile must stay one
    screenful whether the process has adopted forty recommendations or thousands."""
    addressed = addressed_to_states()
    total = addressed.count()
    if not total:
        return None
    reports = accepted_reports(user).filter(state=state, recommendation__in=addressed.values("pk"))
    counts = dict(reports.order_by().values_list("status").annotate(n=Count("pk")))
    latest = list(
        reports.select_related("recommendation__meeting__body").order_by(
            "-recommendation__meeting__year", "-recommendation__meeting__start_date", "recommendation__number"
        )[:PROFILE_REPORTS]
    )
    reported = sum(counts.values())
    return {
        "recommendation_rows": [(report.recommendation, report) for report in latest],
        "status_counts": [(label, counts.get(value, 0)) for value, label in ImplementationStatus.choices],
        "not_reported": total - reported,
        "reported": reported,
    }


def drafts_for_review():
    """Reports never accepted, and accepted ones with a change waiting."""
    return (
        ImplementationReport.objects.filter(
            Q(review_status=ReviewStatus.DRAFT) | Q(has_unpublished_changes=True)
        )
        .select_related("state", "recommendation__meeting__body", "latest_revision")
        .order_by("recommendation__meeting__year", "recommendation__number", state_name_order())
    )


def progress(meeting, user):
    """The progress report's figures: per recommendation, counts by status and implementing states;
    per state, its statuses. Only accepted reports visible to `user` count."""
    recommendations = list(
        Recommendation.objects.filter(meeting=meeting)
        .select_related("meeting__body", "previous__meeting__body")
        .prefetch_related("addressees", "themes", "sub_items")
        .order_by("number")
    )
    reports = list(
        accepted_reports(user)
        .filter(recommendation__meeting=meeting)
        .select_related("state")
        .order_by(state_name_order())
    )
    by_recommendation = defaultdict(list)
    for report in reports:
        by_recommendation[report.recommendation_id].append(report)
    rows = []
    for recommendation in recommendations:
        found = by_recommendation[recommendation.pk]
        counts = Counter(r.status for r in found if r.state_id)
        rows.append(
            {
                "recommendation": recommendation,
                "lineage": recommendation.lineage(),
                "counts": [
                    (value, label, counts.get(value, 0)) for value, label in ImplementationStatus.choices
                ],
                "implemented_by": [
                    r.state for r in found if r.state_id and r.status == ImplementationStatus.IMPLEMENTED
                ],
                "secretariat": next((r for r in found if r.state_id is None), None),
                "reported": sum(counts.values()),
            }
        )
    states = defaultdict(dict)
    for report in reports:
        if report.state_id:
            states[report.state][report.recommendation_id] = report
    scorecards = []
    for state in sorted_by_name(states):
        statuses = Counter(r.status for r in states[state].values())
        scorecards.append(
            {
                "state": state,
                "cells": [(rec, states[state].get(rec.pk)) for rec in recommendations],
                "counts": [
                    (value, label, statuses.get(value, 0)) for value, label in ImplementationStatus.choices
                ],
            }
        )
    return {"rows": rows, "scorecards": scorecards, "has_examples": any(r.is_example for r in reports)}


def home_tasks(user) -> list:
    """Implementation reports on an editor's home (core.dashboard), in a fixed number of queries: a
    focal point's recommendations not yet reported on and drafts not yet accepted; the Secretariat's
    states' drafts to review."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from cyberportal.core.dashboard import HomeTask

    url = reverse("recommendations:my_reports")
    if policy.can_report_for_own_state(user):
        state_id = policy.state_id_of(user)
        due = addressed_to_states().exclude(reports__state_id=state_id).count()
        drafts = ImplementationReport.objects.filter(
            state_id=state_id, review_status=ReviewStatus.DRAFT
        ).count()
        return [
            HomeTask(_("Recommendations to report on"), due, url, urgent=bool(due)),
            HomeTask(_("Reports awaiting the Secretariat's acceptance"), drafts, url),
        ]
    if policy.can_review_implementation(user):
        drafts = drafts_for_review().count()
        return [HomeTask(_("States' reports to review"), drafts, url, urgent=bool(drafts))]
    return []
