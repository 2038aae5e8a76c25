"""Permission-aware reads of update campaigns: the Secretariat's dashboard, a focal point's own state's
requests, and the tasks on each one's home. A focal point never reads another state's rows: every read
for them goes through `rows_for`, filtered by their own state."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cyberportal.core import policy
from cyberportal.core.campaigns import campaign_subject
from cyberportal.core.collation import sorted_by_name

from .models import CampaignState, UpdateCampaign


def rows_for(user):
    """The campaign rows of the user's own state (focal points), none for anyone else."""
    state_id = policy.state_id_of(user)
    if not policy.can_follow_campaigns(user) or state_id is None:
        return CampaignState.objects.none()
    return (
        CampaignState.objects.filter(state_id=state_id)
        .select_related("campaign", "state", "answered_by")
        .order_by("answer", "campaign__due_date", "pk")
    )


def row_for(user, campaign_pk: int) -> CampaignState | None:
    """The user's own state's row in a campaign, or None (not asked, or not theirs)."""
    return rows_for(user).filter(campaign_id=campaign_pk).first()


def campaigns_overview(user, *, today: datetime.date | None = None):
    """Every campaign with its counts, for the Secretariat; None for anyone else."""
    if not policy.can_manage_campaigns(user):
        return None
    today = today or timezone.localdate()
    return UpdateCampaign.objects.annotate(
        asked=Count("states"),
        answered=Count("states", filter=~Q(states__answer="")),
        waiting=Count("states", filter=Q(states__answer="")),
        overdue=Count("states", filter=Q(states__answer="", due_date__lt=today)),
    ).order_by("-started_at", "-pk")


@dataclass
class CampaignBoard:
    campaign: UpdateCampaign
    answered: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    overdue: list = field(default_factory=list)

    @property
    def asked(self) -> int:
        return len(self.answered) + len(self.waiting) + len(self.overdue)


def campaign_board(user, campaign_pk: int, *, today: datetime.date | None = None) -> CampaignBoard | None:
    """Who answered, who has not, and who is late, for the Secretariat; None for anyone else."""
    if not policy.can_manage_campaigns(user):
        return None
    campaign = UpdateCampaign.objects.filter(pk=campaign_pk).first()
    if campaign is None:
        return None
    today = today or timezone.localdate()
    board = CampaignBoard(campaign=campaign)
    rows = campaign.states.select_related("state", "answered_by")
    for row in sorted_by_name(list(rows), lambda r: str(r.state.name)):
        if row.answer:
            board.answered.append(row)
        elif campaign.is_overdue(today):
            board.overdue.append(row)
        else:
            board.waiting.append(row)
    return board


def home_tasks(user) -> list:
    """A focal point: one task per open request of their state; the Secretariat: states not answered."""
    from cyberportal.core.dashboard import HomeTask

    today = timezone.localdate()
    if policy.can_manage_campaigns(user):
        pending = CampaignState.objects.filter(answer="").aggregate(
            waiting=Count("pk"), late=Count("pk", filter=Q(campaign__due_date__lt=today))
        )
        if not pending["waiting"]:
            return []
        note = ngettext("%(count)s overdue", "%(count)s overdue", pending["late"]) % {
            "count": pending["late"]
        }
        return [
            HomeTask(
                label=_("States that have not answered an update campaign"),
                count=pending["waiting"],
                url=reverse("campaigns:index"),
                note=note if pending["late"] else "",
                urgent=bool(pending["late"]),
            )
        ]
    tasks = []
    for row in rows_for(user).filter(answer=""):
        campaign = row.campaign
        subject = campaign_subject(campaign.subject)
        tasks.append(
            HomeTask(
                label=_("Update requested: %(subject)s") % {"subject": campaign.subject_label},
                count=1,
                url=reverse("campaigns:answer", args=[campaign.pk]),
                note=_("%(task)s Due %(date)s.")
                % {"task": subject.task if subject else "", "date": date_format(campaign.due_date)},
                urgent=(campaign.due_date - today).days <= 7,
            )
        )
    return tasks
