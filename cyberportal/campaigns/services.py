"""Writes with rules for update campaigns: starting one, a state's answer, answers found on the portal,
and the reminders the worker sends.

Reminders go to the state's active focal points, each in their preferred language: once when the due
date is `REMIND_BEFORE_DAYS` away, the day after it passes, then every `OVERDUE_EVERY_DAYS` days, at
most `MAX_REMINDERS` in all, and never twice the same day (`CampaignState.reminded_on`).
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cyberportal.accounts.models import User
from cyberportal.accounts.services import absolute_url, send_templated_mail
from cyberportal.core import policy
from cyberportal.core.campaigns import campaign_subject
from cyberportal.core.moderation import recipient_language
from cyberportal.core.roles import Role
from cyberportal.states.models import MembershipStatus, State

from .models import Answer, CampaignState, UpdateCampaign

logger = logging.getLogger(__name__)

REMIND_BEFORE_DAYS = 7
OVERDUE_EVERY_DAYS = 7
MAX_REMINDERS = 5


def participating_states() -> list[State]:
    """States whose current membership is "member": those a campaign for "all states" asks."""
    states = State.objects.prefetch_related("memberships").order_by("code")
    return [
        s for s in states if s.current_membership and s.current_membership.status == MembershipStatus.MEMBER
    ]


def focal_points_of(state_id: int) -> list[User]:
    return list(User.objects.filter(role=Role.FOCAL_POINT, state_id=state_id, is_active=True).order_by("pk"))


# --- Starting a campaign --------------------------------------------------------------------------


@transaction.atomic
def campaign_start(
    *,
    started_by,
    subject: str,
    due_date: datetime.date,
    message: str = "",
    message_language: str = "en",
    year: int | None = None,
    states=None,
    is_example: bool = False,
    notify: bool = True,
    today: datetime.date | None = None,
) -> UpdateCampaign:
    """Ask `states` (default: every participating state) to update `subject` by `due_date`.
    `started_by` None means the command line or the demo."""
    if started_by is not None and not policy.can_manage_campaigns(started_by):
        raise PermissionDenied(_("Only the Secretariat starts update campaigns."))
    registered = campaign_subject(subject)
    if registered is None:
        raise ValidationError(
            _("“%(value)s” is not a subject of update campaigns.") % {"value": subject[:40]}
        )
    if registered.needs_year and not year:
        raise ValidationError(_("Give the year this campaign asks about."))
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError(_("The due date cannot be in the past."))
    states = list(states) if states is not None else participating_states()
    if not states:
        raise ValidationError(_("Choose at least one state."))
    campaign = UpdateCampaign(
        subject=subject,
        year=year if registered.needs_year else None,
        message=message.strip(),
        message_language=message_language,
        due_date=due_date,
        started_by=started_by,
        is_example=is_example,
    )
    campaign.full_clean()
    campaign.save()
    rows = CampaignState.objects.bulk_create(CampaignState(campaign=campaign, state=s) for s in states)
    if notify:
        transaction.on_commit(lambda: [_notify(row, kind="start", today=today) for row in rows])
    transaction.on_commit(lambda: schedule_reminders(due_date=due_date))
    return campaign


# --- Answers --------------------------------------------------------------------------------------


@transaction.atomic
def campaign_answer(
    *, row: CampaignState, user, answer: str, as_of: datetime.date | None = None, note: str = "", now=None
) -> CampaignState:
    """A state's explicit answer: its data is up to date as of a date, or it submitted changes."""
    if not policy.can_answer_campaign_for(user, row.state):
        raise PermissionDenied(_("You may answer only for your own state."))
    now = now or timezone.now()
    if answer == Answer.UP_TO_DATE:
        if as_of is None:
            raise ValidationError(_("Give the date your data is up to date as of."))
        if as_of > timezone.localdate(now):
            raise ValidationError(_("The date cannot be in the future."))
    elif answer == Answer.CHANGES:
        as_of = None
    else:
        raise ValidationError(_("Choose an answer."))
    row.answer, row.up_to_date_as_of, row.note = answer, as_of, note.strip()[:2000]
    row.answered_at, row.answered_by = now, user
    row.save(update_fields=["answer", "up_to_date_as_of", "note", "answered_at", "answered_by"])
    return row


@transaction.atomic
def answers_collect(*, campaigns=None) -> int:
    """Record as answered the states whose focal points submitted the matching thing on the portal since
    the campaign started (a return for the year, a report, a law or a proposal sent for review...)."""
    campaigns = UpdateCampaign.objects.all() if campaigns is None else campaigns
    recorded = 0
    for campaign in campaigns:
        subject = campaign_subject(campaign.subject)
        open_rows = {r.state_id: r for r in campaign.states.filter(answer="")}
        if subject is None or not open_rows:
            continue
        found = subject.submitted(campaign.started_at, list(open_rows), campaign.year)
        for state_id, when in found.items():
            row = open_rows.get(state_id)
            if row is None:
                continue
            row.answer, row.answered_at = Answer.SUBMITTED, when
            row.save(update_fields=["answer", "answered_at"])
            recorded += 1
    return recorded


# --- Notices and reminders ------------------------------------------------------------------------


def _reminder_kind(row: CampaignState, today: datetime.date) -> str | None:
    """ "soon", "overdue" or None: whether `row`'s state is due a reminder today."""
    due = row.campaign.due_date
    if row.answer or row.reminders_sent >= MAX_REMINDERS or row.reminded_on == today:
        return None
    if today > due:
        if row.reminded_on is None or row.reminded_on <= due:
            return "overdue"
        return "overdue" if (today - row.reminded_on).days >= OVERDUE_EVERY_DAYS else None
    window_opens = due - datetime.timedelta(days=REMIND_BEFORE_DAYS)
    if today >= window_opens and (row.reminded_on is None or row.reminded_on < window_opens):
        return "soon"
    return None


def _notify(row: CampaignState, *, kind: str, today: datetime.date) -> int:
    """E-mail the state's focal points, each in their language; returns how many were sent."""
    campaign = row.campaign
    subject = campaign_subject(campaign.subject)
    sent = 0
    for user in focal_points_of(row.state_id):
        language = recipient_language(user)
        with translation.override(language):
            context = {
                "campaign": campaign,
                "subject_label": str(campaign.subject_label),
                "task": str(subject.task) if subject else "",
                "kind": kind,
                "days_late": (today - campaign.due_date).days,
                "url": absolute_url(reverse("campaigns:answer", args=[campaign.pk])),
                "user": user,
            }
        try:
            send_templated_mail(
                to=user.email, template="campaigns/email/notice", context=context, language=language
            )
        except Exception:  # one unreachable address must not stop the others' notices
            logger.warning("campaign notice to %s failed", user.email, exc_info=True)
            continue
        sent += 1
    return sent


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None) -> int:
    """Send the reminders due today to states that have not answered; returns the e-mails sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_BEFORE_DAYS)
    open_campaigns = UpdateCampaign.objects.filter(due_date__lte=horizon, states__answer="").distinct()
    answers_collect(campaigns=open_campaigns)
    rows = (
        CampaignState.objects.select_for_update()
        .select_related("campaign", "state")
        .filter(campaign__in=open_campaigns, answer="")
    )
    sent = 0
    for row in rows:
        kind = _reminder_kind(row, today)
        if kind is None:
            continue
        sent += _notify(row, kind=kind, today=today)
        row.reminded_on, row.reminders_sent = today, row.reminders_sent + 1
        row.save(update_fields=["reminded_on", "reminders_sent"])
    return sent


def schedule_reminders(*, due_date: datetime.date) -> list[datetime.datetime]:
    """Queue the reminder task for the day the reminder window opens and the day after the due date, if
    the backend can wait; the daily `campaign_reminders` command sends the weekly overdue ones (and all of
    them with an in-process backend). A run with nothing due sends nothing, so extra runs are harmless."""
    from .tasks import send_campaign_reminders

    backend = send_campaign_reminders.get_backend()
    if not getattr(backend, "supports_defer", False):
        return []
    now = timezone.now()
    zone = timezone.get_current_timezone()
    days = [due_date - datetime.timedelta(days=REMIND_BEFORE_DAYS), due_date + datetime.timedelta(days=1)]
    moments = [datetime.datetime.combine(day, datetime.time(8), tzinfo=zone) for day in days]
    moments = [moment for moment in moments if moment > now]
    for moment in moments:
        send_campaign_reminders.using(run_after=moment).enqueue()
    return moments
