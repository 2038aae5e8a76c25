"""The Legal Cooperation Bulletin: issues the Secretariat composes, contributions states send, subscribers.

An issue (a snippet with drafts and revisions) holds an editorial in each interface language and the items
the Secretariat picked from what changed in the portal (core.changes) and from the states' published
contributions; items are copies, so an issue reads the same years later. A contribution is a focal
point's draft, moderated by the one workflow (core.moderation). A subscriber confirms their address
(double opt-in) before anything is sent; each Delivery row is one issue sent to one subscriber, which
is what makes sending idempotent.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from cyberportal.core.admin_forms import StateScopedAdminForm
from cyberportal.core.models import Example
from cyberportal.states.models import State

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _token() -> str:
    return secrets.token_urlsafe(32)


class Issue(DraftStateMixin, RevisionMixin, Example, ClusterableModel):
    """One issue of the bulletin: a number, an editorial in four languages, the items picked."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    title_pt = models.CharField(_("title (Portuguese)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    editorial = models.TextField(_("editorial"), help_text=_("Paragraphs separated by a blank line."))
    editorial_es = models.TextField(_("editorial (Spanish)"), blank=True)
    editorial_pt = models.TextField(_("editorial (Portuguese)"), blank=True)
    editorial_fr = models.TextField(_("editorial (French)"), blank=True)
    covers_from = models.DateTimeField(
        _("covers changes from"),
        null=True,
        blank=True,
        help_text=_("Empty: from the end of the previous issue's period."),
    )
    covers_until = models.DateTimeField(_("covers changes until"), null=True, blank=True)
    send_requested_at = models.DateTimeField(_("sending requested at"), null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("is_example")]),
        FieldPanel("title"),
        FieldPanel("editorial"),
        MultiFieldPanel(
            [
                FieldPanel("title_es"),
                FieldPanel("editorial_es"),
                FieldPanel("title_pt"),
                FieldPanel("editorial_pt"),
                FieldPanel("title_fr"),
                FieldPanel("editorial_fr"),
            ],
            heading=_("Translations"),
        ),
        FieldRowPanel([FieldPanel("covers_from"), FieldPanel("covers_until")]),
        InlinePanel("items", heading=_("Items"), label=_("Item")),
    ]

    class Meta:
        ordering = ["-number"]
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("bulletin:issue", args=[self.number])

    def _in(self, field: str, language: str | None) -> str:
        language = (language or translation.get_language() or "en")[:2]
        if language != "en":
            value = getattr(self, f"{field}_{language}", "")
            if value:
                return value
        return getattr(self, field)

    def title_in(self, language: str | None = None) -> str:
        return self._in("title", language)

    def editorial_in(self, language: str | None = None) -> str:
        return self._in("editorial", language)

    def language_of_editorial(self, language: str | None = None) -> str:
        """The language the editorial is shown in: the reader's when translated, else English."""
        language = (language or translation.get_language() or "en")[:2]
        return language if language != "en" and getattr(self, f"editorial_{language}", "") else "en"

    @property
    def published_on(self):
        return timezone.localdate(self.first_published_at) if self.first_published_at else None


class ItemKind(models.TextChoices):
    CHANGE = "change", _("Change in the portal")
    CONTRIBUTION = "contribution", _("Contribution from a state")
    NOTE = "note", _("Note from the Secretariat")


class IssueItem(Orderable):
    """One item of an issue, copied from a change or a contribution when picked (then editable)."""

    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.NOTE)
    source = models.CharField(
        _("section"), max_length=40, blank=True, help_text=_("The kind of change (laws, treaties, ...).")
    )
    change_key = models.CharField(max_length=200, blank=True, editable=False)
    contribution = models.ForeignKey(
        "Contribution", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("date"), null=True, blank=True)
    language = models.CharField(
        _("language of the text"),
        max_length=10,
        blank=True,
        help_text=_("Title and summary stay in the language they were written in; readers are told which."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("source"), FieldPanel("language")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("changed_at")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.title


class Contribution(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, Example, models.Model):
    """A news item a state's focal point sends for the bulletin; the Secretariat publishes (approves) it."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="bulletin_contributions"
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(
        _("language of the text"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    link = models.URLField(_("link"), blank=True, help_text=_("A page with more, e.g. the official notice."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    policy_state_field = "state"
    # A focal point is offered only their own state, and a forged other state is refused (core.admin_forms).
    base_form_class = StateScopedAdminForm

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("language")]),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("link"),
    ]

    class Meta:
        verbose_name = _("bulletin contribution")
        verbose_name_plural = _("bulletin contributions")

    def __str__(self) -> str:
        return f"{self.state.code}: {self.title}"


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    ACTIVE = "active", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCING = "bouncing", _("Stopped: the address bounces")


class Subscriber(models.Model):
    """An address that asked for the bulletin, in one language; only `active` ones receive it."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    # The unsubscribe link's secret (List-Unsubscribe); never shown elsewhere.
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    hard_bounces = models.PositiveSmallIntegerField(_("hard bounces"), default=0)
    last_bounce_at = models.DateTimeField(_("last bounce"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulletin subscriber")
        verbose_name_plural = _("bulletin subscribers")

    def __str__(self) -> str:
        return self.email


class Delivery(models.Model):
    """One issue sent to one subscriber: written before the message leaves, so a rerun skips it."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"
