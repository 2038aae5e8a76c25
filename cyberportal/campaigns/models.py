"""Update campaigns: the Secretariat asks states to bring one subject up to date by a due date.

A campaign names a subject registered by a capability (core.campaigns: laws, treaty status, measure
sheets, a year's statistics return, implementation reports) and holds one row per state asked
(`CampaignState`). A state answers explicitly ("up to date as of", "we submitted changes") or
automatically when its focal point submits the matching thing; the workflow is in `services`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cyberportal.core.campaigns import campaign_subject
from cyberportal.core.models import Example
from cyberportal.states.models import State


class UpdateCampaign(Example):
    subject = models.CharField(_("subject"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    message_language = models.CharField(
        _("language of the message"), max_length=12, choices=settings.LANGUAGES, default="en"
    )
    due_date = models.DateField(_("due date"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    started_by = models.ForeignKey(
        "accounts.User", verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("update campaign")
        verbose_name_plural = _("update campaigns")

    def __str__(self) -> str:
        return f"{self.subject_label} – {self.due_date:%Y-%m-%d}"

    @property
    def subject_label(self):
        subject = campaign_subject(self.subject)
        label = subject.label if subject else self.subject
        return f"{label} {self.year}" if self.year else label

    def is_overdue(self, today: datetime.date) -> bool:
        return today > self.due_date


class Answer(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("Up to date")
    CHANGES = "changes", _("Changes submitted")
    SUBMITTED = "submitted", _("Submitted on the portal")


class CampaignState(models.Model):
    """One state asked by a campaign, and its answer (empty until it answers)."""

    campaign = models.ForeignKey(UpdateCampaign, on_delete=models.CASCADE, related_name="states")
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.CASCADE)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    up_to_date_as_of = models.DateField(_("up to date as of"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_on = models.DateField(_("last reminded"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    policy_state_field = "state"

    class Meta:
        ordering = ["campaign", "state__code"]
        verbose_name = _("state asked")
        verbose_name_plural = _("states asked")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "state"], name="one_campaign_row_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.state_id} {self.answer or '-'}"

    @property
    def answered(self) -> bool:
        return bool(self.answer)
