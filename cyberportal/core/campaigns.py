"""What an update campaign may ask states about, as capabilities register it.

The Secretariat's update campaigns (the `campaigns` app) ask each state's focal points to bring one
subject up to date: its laws, treaty status, measure sheets, a year's statistics return, implementation
reports. Each capability registers its subject from its AppConfig.ready(): a label, what the focal point
is asked to do, the page where they do it, and `submitted(since, state_ids, year)`, which answers which of
those states submitted the matching thing (and when) — the campaign counts that as the state's answer.
core names no app: `campaigns` asks this registry and never imports the capabilities that answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

WORKFLOW_STATE = "wagtailcore.workflowstate"  # a record submitted for review (Wagtail's workflows)
Submitted = Callable[[datetime.datetime, Iterable[int], int | None], dict[int, datetime.datetime]]


@dataclass(frozen=True)
class CampaignSubject:
    key: str
    label: Any  # a lazy translation: "Legislation"
    task: Any  # a lazy translation: what the focal point is asked to do
    url: Callable[[], str]  # the page where they do it
    submitted: Submitted
    needs_year: bool = False  # the campaign asks about one year (statistics returns)
    order: int = 100
    # Models ("app_label.modelname") whose saving may be a state's answer: the campaigns app looks for
    # answers when one is saved, instead of waiting for the daily reminders.
    answers_on_save: tuple[str, ...] = (WORKFLOW_STATE,)


_subjects: dict[str, CampaignSubject] = {}


def register_campaign_subject(subject: CampaignSubject) -> None:
    _subjects[subject.key] = subject


def campaign_subjects() -> list[CampaignSubject]:
    return sorted(_subjects.values(), key=lambda s: (s.order, s.key))


def campaign_subject(key: str) -> CampaignSubject | None:
    return _subjects.get(key)


def subjects_answered_by(label: str) -> list[str]:
    """The keys of the subjects whose answers a save of model `label` ("app_label.modelname") may give."""
    return [s.key for s in _subjects.values() if label in s.answers_on_save]


def workflow_submissions(
    model, *, since: datetime.datetime, state_ids: Iterable[int], state_field: str = "state"
) -> dict[int, datetime.datetime]:
    """For a moderated model, the states whose records were submitted for review since `since`, with the
    first submission's time: two queries whatever the number of states."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowState

    content_type = ContentType.objects.get_for_model(model)
    rows = WorkflowState.objects.filter(content_type=content_type, created_at__gte=since).values_list(
        "object_id", "created_at"
    )
    first: dict[str, datetime.datetime] = {}
    for object_id, created_at in rows:
        first[object_id] = min(created_at, first.get(object_id, created_at))
    if not first:
        return {}
    owners = model._default_manager.filter(
        pk__in=list(first), **{f"{state_field}_id__in": list(state_ids)}
    ).values_list("pk", f"{state_field}_id")
    found: dict[int, datetime.datetime] = {}
    for pk, state_id in owners:
        when = first[str(pk)]
        found[state_id] = min(when, found.get(state_id, when))
    return found


def admin_listing_url(model) -> str:
    """The admin listing of a snippet model, where a focal point edits and submits its records."""
    from django.urls import reverse

    viewset = getattr(model, "snippet_viewset", None)
    return reverse(viewset.get_url_name("list")) if viewset else ""
