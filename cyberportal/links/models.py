"""The register of national sites (ministries, prosecution units, police units, CSIRTs, reporting pages)
and what the link checker last found about each.

A link is a Wagtail snippet with drafts, revisions and the one moderation workflow: the state's focal
point drafts it and the Secretariat publishes it (core.moderation). The checker's findings live in a
separate row (`LinkCheck`) because they are not content: a revision published later must not bring back
an old finding, and the checker must not create revisions.
"""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from cyberportal.core.admin_forms import StateScopedAdminForm
from cyberportal.core.models import Example, Restricted
from cyberportal.links.checker import PROBLEMS
from cyberportal.states.models import State, language_name

web_address = URLValidator(schemes=["http", "https"])


class LinkKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    PROSECUTION = "prosecution", _("Prosecution unit")
    POLICE = "police", _("Police cybercrime unit")
    CSIRT = "csirt", _("CSIRT")
    REPORTING = "reporting", _("Reporting page for citizens")
    OTHER = "other", _("Other national site")


class NationalLink(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, Restricted, Example):
    """A national site the state's focal point lists for the region (and for citizens, when public)."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="national_links"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices)
    title = models.CharField(_("name of the site"), max_length=200)
    language = models.CharField(
        _("language of the site"), max_length=12, default="es", help_text=_("A BCP 47 code, e.g. es or pt.")
    )
    url = models.URLField(
        _("web address"),
        max_length=500,
        validators=[web_address],
        help_text=_("An http or https address; the portal checks it every week."),
    )
    description = models.CharField(_("what it offers"), max_length=300, blank=True)

    policy_state_field = "state"
    base_form_class = StateScopedAdminForm

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("language")]),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_example")]),
    ]

    class Meta:
        ordering = ["state__code", "kind", "title"]
        verbose_name = _("national link")
        verbose_name_plural = _("national links")

    def __str__(self) -> str:
        return f"{self.state.code}: {self.title}"

    @property
    def language_label(self) -> str:
        return language_name(self.language)

    @property
    def finding(self) -> LinkCheck | None:
        """The checker's last finding, or None when the link was never checked."""
        try:
            return self.last_check
        except LinkCheck.DoesNotExist:
            return None

    def check_status(self) -> str:
        """For the admin's listing: what the last check found."""
        finding = self.finding
        if finding is None:
            return str(_("not checked yet"))
        return str(finding.summary)

    check_status.short_description = _("last check")


class Outcome(models.TextChoices):
    OK = "ok", _("Answers")
    DEAD = "dead", _("Does not answer")


class LinkCheck(models.Model):
    """The checker's last finding for one link (bookkeeping: never a revision, never moderated)."""

    link = models.OneToOneField(NationalLink, on_delete=models.CASCADE, related_name="last_check")
    checked_at = models.DateTimeField(_("checked at"))
    checked_url = models.URLField(_("address checked"), max_length=500)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("final address"), max_length=2000, blank=True)
    redirects = models.PositiveSmallIntegerField(_("redirects"), default=0)
    permanent_redirect = models.BooleanField(_("moved permanently"), default=False)
    error = models.CharField(_("error"), max_length=300, blank=True)  # in English, for the log
    problem = models.CharField(_("problem"), max_length=20, blank=True)  # a key of checker.PROBLEMS
    problem_params = models.JSONField(_("problem details"), default=dict, blank=True)
    links_back = models.BooleanField(_("links back to the portal"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("failed checks in a row"), default=0)
    dead_since = models.DateTimeField(_("not answering since"), null=True, blank=True)
    notified_at = models.DateTimeField(_("focal point told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")

    def __str__(self) -> str:
        return f"{self.link}: {self.summary}"

    @property
    def is_dead(self) -> bool:
        return self.outcome == Outcome.DEAD

    @property
    def moved(self) -> bool:
        """Moved permanently to another address: the register should be updated to the final one."""
        return self.permanent_redirect and self.final_url and self.final_url != self.checked_url

    @property
    def reason(self) -> str:
        """Why the link is dead, in the active language (the English `error` when the code is unknown)."""
        template = PROBLEMS.get(self.problem)
        if not template:
            return self.error
        try:
            return gettext(template) % self.problem_params
        except (KeyError, TypeError, ValueError):  # a catalogue or stored values out of step
            return template % self.problem_params if self.problem_params else template

    @property
    def summary(self) -> str:
        if self.is_dead:
            return str(_("does not answer: %(error)s") % {"error": self.reason})
        if self.moved:
            return str(_("moved permanently to %(url)s") % {"url": self.final_url})
        return str(_("answers"))
