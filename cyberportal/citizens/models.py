"""How a citizen reports a cybercrime in each state: the authority, its reporting page, its phone, what to
keep as evidence and what happens next.

One guide per state, kept by the state's focal point through the one moderation flow (core.moderation):
the row holds the published version, which is what every reader sees. The guide's texts are written
per language (`ReportingGuideText`): the page shows the reader's language when the state wrote it, and
otherwise says in which language the text is. A guide has no visibility: it is written for the public,
and nothing restricted (the directory's contacts, the 24/7 network) is ever part of it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from cyberportal.core.admin_forms import StateScopedAdminForm
from cyberportal.core.models import DueForVerification, Example
from cyberportal.directory.models import normalise_phone
from cyberportal.states.models import State, language_name

web_address = URLValidator(schemes=["http", "https"])
SHORT_NUMBER = re.compile(r"^[0-9]{2,6}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def validate_e164(value: str) -> None:
    """A full international number: + and the country code (the page dials it with a tel: link)."""
    if not value.startswith("+") or normalise_phone(value) != value:
        raise ValidationError(
            _("“%(value)s” is not a phone number in E.164 form (e.g. +5491155550100)."),
            params={"value": value[:40]},
            code="invalid_phone",
        )


def validate_short_number(value: str) -> None:
    if not SHORT_NUMBER.match(value):
        raise ValidationError(
            _("“%(value)s” is not an emergency number: give 2 to 6 digits, e.g. 911."),
            params={"value": value[:20]},
            code="invalid_short_number",
        )


def validate_language_code(value: str) -> None:
    if not LANGUAGE_CODE.match(value or "") or language_name(value, "en") == value:
        raise ValidationError(
            _("“%(value)s” is not a known language code (BCP 47, e.g. es, pt, fr, en)."),
            params={"value": (value or "")[:20]},
            code="invalid_language",
        )


class ReportingGuide(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Example,
    DueForVerification,
    ClusterableModel,
):
    """Where and how a citizen of (or a visitor to) a state reports a cybercrime."""

    state = models.OneToOneField(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="reporting_guide"
    )
    reporting_url = models.URLField(
        _("online reporting page"),
        max_length=500,
        blank=True,
        validators=[web_address],
        help_text=_("Where a citizen files a report online (http or https)."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=16,
        blank=True,
        validators=[validate_e164],
        help_text=_(
            "The line that takes reports, in E.164 form: + and the country code, e.g. +5491155550100."
        ),
    )
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=6,
        blank=True,
        validators=[validate_short_number],
        help_text=_("The number to call when someone is in danger, e.g. 911."),
    )
    as_of = models.DateField(_("as of"), help_text=_("The date on which the guide was correct."))
    next_due = models.DateField(
        _("next verification due"),
        null=True,
        blank=True,
        help_text=_("Like contacts: when to check it again."),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True, validators=[web_address])

    policy_state_field = "state"
    base_form_class = StateScopedAdminForm

    panels = [
        FieldPanel("state"),
        MultiFieldPanel(
            [
                FieldPanel("reporting_url"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("emergency_number")]),
            ],
            heading=_("Where to report"),
        ),
        InlinePanel("texts", heading=_("Texts, one per language"), label=_("Language"), min_num=1),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("next_due"), FieldPanel("is_example")]),
        FieldPanel("source_url"),
    ]

    class Meta:
        ordering = ["state__code"]
        verbose_name = _("reporting guide for citizens")
        verbose_name_plural = _("reporting guides for citizens")

    def __str__(self) -> str:
        return str(_("%(code)s: how to report a cybercrime") % {"code": self.state.code})

    def clean(self):
        super().clean()
        if self.next_due and self.as_of and self.next_due < self.as_of:
            raise ValidationError(
                {"next_due": _("The next verification cannot come before the “as of” date.")}
            )

    def text_for(self, language: str) -> ReportingGuideText | None:
        """The text in `language`, else in one of the state's official languages, else the first."""
        texts = list(self.texts.all())
        if not texts:
            return None
        by_language = {t.language.split("-")[0]: t for t in texts}
        if language in by_language:
            return by_language[language]
        for official in self.state.official_languages or []:
            if official.split("-")[0] in by_language:
                return by_language[official.split("-")[0]]
        return texts[0]


class ReportingGuideText(Orderable):
    """The guide's words in one language, as the state writes them."""

    guide = ParentalKey(ReportingGuide, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(
        _("language"), max_length=12, validators=[validate_language_code], help_text=_("e.g. es, pt, fr, en.")
    )
    authority = models.CharField(
        _("authority to report to"), max_length=300, help_text=_("Its name in this language.")
    )
    how_to_report = models.TextField(
        _("how to report"), help_text=_("Online, by phone or in person; what to bring; opening hours.")
    )
    what_happens_next = models.TextField(
        _("what happens next"),
        blank=True,
        help_text=_("Left empty, the page gives the portal's general explanation."),
    )
    evidence_notes = models.TextField(
        _("what else to keep"),
        blank=True,
        help_text=_("What this state asks for beyond the portal's general checklist."),
    )

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("authority")]),
        FieldPanel("how_to_report"),
        FieldPanel("what_happens_next"),
        FieldPanel("evidence_notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("text of the guide")
        verbose_name_plural = _("texts of the guide")
        constraints = [
            models.UniqueConstraint(fields=["guide", "language"], name="unique_reporting_guide_language")
        ]

    def __str__(self) -> str:
        return f"{self.guide_id}: {self.language}"

    @property
    def language_label(self) -> str:
        return language_name(self.language)
