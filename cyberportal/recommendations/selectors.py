"""Reads of recommendations and reports that join or filter by permission."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.collation import sorted_by_name
from cyberportal.states.models import Membership, MembershipStatus, State
from cyberportal.states.selectors import state_name_order

from .models import (
    SECRETARIAT_ADDRESSEES,
    Addressee,
    ImplementationReport,
    ImplementationStatus,
    Meeting,
    Recommendation,
    ReviewStatus,
    TimelineEntry,
)

NOT_REPORTED_LABEL = _("No accepted report")


def meetings():
    return Meeting.objects.select_related("body").order_by("year", "start_date", "pk")


def timeline_entries():
    """The timeline's entries, as the Secretariat keeps them (models.TimelineEntry)."""
    return TimelineEntry.objects.order_by("year", "date", "pk")


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


REPORT_ROWS_PAGE_SIZE = 50  # a focal point's reports page lists the recommendations this many at a time


def rows_for_state(state, user, *, page=None) -> Page:
    """The recommendations addressed to the states, a page at a time, each with `state`'s report where
    `user` may see it: the page's items are (recommendation, report or None)."""
    recommendations = (
        addressed_to_states()
        .select_related("meeting__body")
        .order_by("meeting__year", "meeting__start_date", "number", "pk")
    )
    rows = Paginator(recommendations, REPORT_ROWS_PAGE_SIZE).get_page(page)
    listed = list(rows.object_list)
    reports = ImplementationReport.objects.visible_to(user).filter(
        state=state, recommendation__in=[r.pk for r in listed]
    )
    if not policy.can_edit(user, ImplementationReport(state=state)):
        reports = reports.filter(review_status=ReviewStatus.ACCEPTED)
    by_recommendation = {r.recommendation_id: r for r in reports}
    rows.object_list = [(r, by_recommendation.get(r.pk)) for r in listed]
    return rows


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


def network_states() -> tuple[list, list]:
    """The states taking part in the network today and those that are members but do not take part
    (each by its latest membership period), both sorted by name; withdrawn states are in neither."""
    states = State.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.order_by("sort_order"))
    )
    taking_part, apart = [], []
    for state in states:
        status = state.current_membership.status if state.current_membership else None
        if status == MembershipStatus.MEMBER:
            taking_part.append(state)
        elif status == MembershipStatus.NOT_PARTICIPATING:
            apart.append(state)
    return sorted_by_name(taking_part), sorted_by_name(apart)


def _status_counts(reports, extra=()) -> list[tuple[str, str, int]]:
    counts = Counter(r.status for r in reports)
    return [(value, label, counts.get(value, 0)) for value, label in ImplementationStatus.choices] + list(
        extra
    )


def _addressed_to_states(recommendation) -> bool:
    codes = {a.code for a in recommendation.addressees.all()}
    return not codes or Addressee.Code.STATES in codes


def progress(meeting, user):
    """The progress report's figures. Per recommendation addressed to the states: counts by status of the
    accepted reports visible to `user` from states taking part, and which of those states have no such
    report, so the counts add up to the states taking part; reports of states that do not take part are
    listed apart and never counted. Per state, its statuses."""
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
    taking_part, not_taking_part = network_states()
    apart = {state.pk for state in not_taking_part}
    by_recommendation = defaultdict(list)
    for report in reports:
        by_recommendation[report.recommendation_id].append(report)
    rows = []
    for recommendation in recommendations:
        found = by_recommendation[recommendation.pk]
        counted = [r for r in found if r.state_id and r.state_id not in apart]
        to_states = _addressed_to_states(recommendation)
        reported = {r.state_id for r in counted}
        not_reported = [s for s in taking_part if s.pk not in reported] if to_states else []
        extra = [("not_reported", NOT_REPORTED_LABEL, len(not_reported))] if to_states and taking_part else []
        rows.append(
            {
                "recommendation": recommendation,
                "lineage": recommendation.lineage(),
                "counts": _status_counts(counted, extra),
                "implemented_by": [r.state for r in counted if r.status == ImplementationStatus.IMPLEMENTED],
                "not_reported": not_reported,
                "reported_apart": [r for r in found if r.state_id in apart],
                "secretariat": next((r for r in found if r.state_id is None), None),
                "reported": len(counted),
                "addressed_to_states": to_states,
            }
        )
    states = defaultdict(dict)
    for report in reports:
        if report.state_id and report.state_id not in apart:
            states[report.state][report.recommendation_id] = report
    scorecards = [
        {
            "state": state,
            "cells": [(rec, states[state].get(rec.pk)) for rec in recommendations],
            "counts": _status_counts(states[state].values()),
        }
        for state in sorted_by_name(states)
    ]
    return {
        "rows": rows,
        "scorecards": scorecards,
        "has_examples": any(r.is_example for r in reports),
        "taking_part": taking_part,
        "not_taking_part": not_taking_part,
    }


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


def recommendation_changes(since, until):
    """Meetings that adopted recommendations in (since, until], and reports accepted in that window."""
    from django.contrib.auth.models import AnonymousUser

    from cyberportal.core.changes import Change, as_moment, in_window

    adopted = Meeting.objects.annotate(count=Count("recommendations")).filter(count__gt=0)
    for meeting in adopted.select_related("body"):
        day = meeting.end_date or meeting.start_date
        if not in_window(day, since, until):
            continue
        yield Change(
            source="recommendations",
            key=f"meeting:{meeting.pk}",
            title=str(meeting),
            summary=f"{meeting.count} recommendation(s) adopted"
            + (f", {meeting.place}" if meeting.place else ""),
            url=meeting.get_absolute_url(),
            changed_at=as_moment(day),
            language="en",
        )
    reports = accepted_reports(AnonymousUser()).filter(accepted_at__lte=until)
    if since is not None:
        reports = reports.filter(accepted_at__gt=since)
    for report in reports.select_related("recommendation__meeting__body").order_by("-accepted_at")[:200]:
        who = report.state.code if report.state_id else "Technical Secretariat"
        yield Change(
            source="recommendations",
            key=f"report:{report.pk}:{report.accepted_at:%Y%m%d%H%M%S}",
            title=f"{who} · {report.recommendation}: {report.get_status_display()}",
            summary=report.narrative[:300],
            url=report.recommendation.get_absolute_url() + f"#report-{report.pk}",
            changed_at=report.accepted_at,
        )
