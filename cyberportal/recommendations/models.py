"""Meetings of the REMJA process, their numbered recommendations, lineage, and states' implementation reports.

A recommendation keeps the text of the document it came from (with its language) and may carry
translations. Lineage: a recommendation that repeats or continues an earlier one points to it, so a
chain can be followed back to the meeting that first asked for it.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin

from cyberportal.core.models import Example, Restricted


class BodyKind(models.TextChoices):
    MINISTERIAL = "remja", _("Meeting of Ministers of Justice (REMJA)")
    WORKING_GROUP = "working_group", _("Working Group on Cybercrime")
    EXPERTS = "experts", _("Group of Governmental Experts on Cyber-Crime")


class Body(RevisionMixin, models.Model):
    """A body of the process that meets and adopts recommendations."""

    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("E.g. REMJA."))

    panels = [FieldPanel("kind"), FieldPanel("acronym")]

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Meeting(RevisionMixin, ClusterableModel):
    """One meeting of a body and the document of recommendations it adopted."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(
        _("number"), max_length=10, help_text=_("Roman numeral as the documents write it, e.g. IX.")
    )
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in addresses, e.g. working-group-ix."))
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    symbol = models.CharField(
        _("document symbol"), max_length=100, blank=True, help_text=_("E.g. CIBER-V/doc.3/07 rev. 1.")
    )
    original_language = models.CharField(
        _("original language"), max_length=10, default="en", help_text=_("BCP 47 code, e.g. es.")
    )
    source_name = models.CharField(_("source document"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    source_text = models.TextField(_("source text"), blank=True, help_text=_("The text the importer read."))

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("number"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("symbol"), FieldPanel("original_language")]),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url"), FieldPanel("source_text")],
            heading=_("Source"),
        ),
    ]

    class Meta:
        ordering = ["year", "start_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="unique_meeting_per_body"),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        if self.body.kind == BodyKind.MINISTERIAL:
            return f"REMJA-{self.number} ({self.year})"
        return _("%(body)s, meeting %(number)s (%(year)s)") % {
            "body": self.body,
            "number": self.number,
            "year": self.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("recommendations:meeting", args=[self.slug])


class Theme(models.Model):
    """What a recommendation is about; a fixed list so that the theme view can span every meeting."""

    class Code(models.TextChoices):
        LEGISLATION = "legislation", _("Legislation")
        UNITS = "units", _("Specialised units")
        CONTACTS = "contacts", _("Points of contact")
        NETWORK_247 = "network_247", _("24/7 network")
        BUDAPEST = "budapest", _("Budapest Convention accession")
        EVIDENCE = "evidence", _("Electronic evidence")
        TRAINING = "training", _("Training")
        PORTAL = "portal", _("Portal")
        STATISTICS = "statistics", _("Statistics")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        STRATEGY = "strategy", _("Strategy")
        COOPERATION = "cooperation", _("International cooperation")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.get_code_display())

    def get_absolute_url(self) -> str:
        return reverse("recommendations:theme", args=[self.code])


class Addressee(models.Model):
    """Who a recommendation asks to act."""

    class Code(models.TextChoices):
        STATES = "states", _("The states")
        TECHNICAL_SECRETARIAT = "technical_secretariat", _("The Technical Secretariat")
        WORKING_GROUP = "working_group", _("The Working Group")
        GENERAL_SECRETARIAT = "general_secretariat", _("The OAS General Secretariat")
        PARTNERS = "partners", _("Partner organisations")

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")

    def __str__(self) -> str:
        return str(self.get_code_display())


SECRETARIAT_ADDRESSEES = (Addressee.Code.TECHNICAL_SECRETARIAT, Addressee.Code.GENERAL_SECRETARIAT)


class LineageKind(models.TextChoices):
    REPEATS = "repeats", _("repeats")
    CONTINUES = "continues", _("continues")


class Recommendation(RevisionMixin, ClusterableModel):
    """A numbered recommendation of a meeting, in the language of the document it came from."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    language = models.CharField(_("language of the text"), max_length=10, default="en")
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="recommendations"
    )
    addressees = ParentalManyToManyField(
        Addressee, verbose_name=_("addressees"), blank=True, related_name="recommendations"
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("repeats or continues"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_by",
        help_text=_("The earlier recommendation this one repeats or continues."),
    )
    lineage_kind = models.CharField(
        _("link"), max_length=20, choices=LineageKind.choices, default=LineageKind.REPEATS, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("number"), FieldPanel("language")]),
        FieldPanel("text"),
        InlinePanel("sub_items", heading=_("Lettered sub-items"), label=_("Sub-item")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("addressees", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("previous"), FieldPanel("lineage_kind")], heading=_("Lineage")),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]

    class Meta:
        ordering = ["meeting__year", "meeting__start_date", "meeting_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_recommendation_number"),
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.meeting} §{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", args=[self.meeting.slug, self.number])

    def lineage(self) -> list[Recommendation]:
        """This recommendation's chain, the first time it was asked first (guards against loops)."""
        chain, seen, current = [self], {self.pk}, self.previous
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.previous
        return list(reversed(chain))


class SubItem(Orderable):
    """A lettered sub-item (a., b., ...) of a recommendation."""

    recommendation = ParentalKey(Recommendation, on_delete=models.CASCADE, related_name="sub_items")
    letter = models.CharField(_("letter"), max_length=2)
    text = models.TextField(_("text"))

    panels = [FieldPanel("letter"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("sub-item")
        verbose_name_plural = _("sub-items")

    def __str__(self) -> str:
        return f"{self.letter}. {self.text[:60]}"


class RecommendationTranslation(Orderable):
    """The recommendation in another language, when one exists."""

    recommendation = ParentalKey(Recommendation, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("text"))

    panels = [FieldPanel("language"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("translation")
        verbose_name_plural = _("translations")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACCEPTED = "accepted", _("Accepted by the Secretariat")


class ImplementationReport(WorkflowMixin, DraftStateMixin, RevisionMixin, Restricted, Example):
    """A state's (or, with no state, the Secretariat's) report on one recommendation.

    Drafts are seen by the reporting state and the Secretariat only; once accepted (published through
    the one moderation flow, core.moderation) the report counts in the tables and the progress report.
    A change to an accepted report is a draft revision: the accepted version keeps counting until the
    Secretariat accepts the new one, or returns it with a comment. Each change is written to
    ReportHistory.
    """

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="reports"
    )
    state = models.ForeignKey(
        "states.State",
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="implementation_reports",
        help_text=_("Empty for the Secretariat's own report."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ImplementationStatus.choices)
    narrative = models.TextField(_("narrative"), blank=True)
    evidence_links = models.TextField(_("evidence links"), blank=True, help_text=_("One address per line."))
    as_of = models.DateField(_("date of the information"))
    review_status = models.CharField(
        _("review"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    policy_state_field = "state"

    panels = [
        FieldRowPanel([FieldPanel("recommendation"), FieldPanel("state")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("as_of"), FieldPanel("visibility")]),
        FieldPanel("narrative"),
        FieldPanel("evidence_links"),
        FieldPanel("is_example"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "state"],
                condition=models.Q(state__isnull=False),
                name="one_report_per_state_and_recommendation",
            ),
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=models.Q(state__isnull=True),
                name="one_secretariat_report_per_recommendation",
            ),
        ]
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")

    def __str__(self) -> str:
        return f"{self.recommendation} – {self.state or _('Technical Secretariat')}"

    @property
    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

    @property
    def is_accepted(self) -> bool:
        return self.review_status == ReviewStatus.ACCEPTED


class ReportHistory(models.Model):
    """One step in a report's life: what the status was, who changed it, and when."""

    report = models.ForeignKey(ImplementationReport, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=20, choices=ImplementationStatus.choices)
    review_status = models.CharField(_("review"), max_length=20, choices=ReviewStatus.choices)
    narrative = models.TextField(_("narrative"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("report history entry")
        verbose_name_plural = _("report history")

    def __str__(self) -> str:
        return f"{self.report} – {self.status} ({self.changed_at:%Y-%m-%d})"


CHRONICLE_SOURCE = "Chronicle of the OAS cybercrime process (project seed document)"


class TimelineEntry(RevisionMixin, models.Model):
    """One step of the process's history on the timeline page, kept by the Secretariat in the admin.

    The text is the portal's own, written in English and translated by the Secretariat; a language left
    empty shows the English. An entry that tells of a meeting names it by body and number, so the timeline
    links to it once its recommendations are imported (before that, the text stands alone).
    """

    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Orders entries within a year."))
    text = models.TextField(_("text (English)"))
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    text_pt = models.TextField(_("text (Portuguese)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    body_kind = models.CharField(_("meeting's body"), max_length=20, choices=BodyKind.choices, blank=True)
    meeting_number = models.CharField(
        _("meeting's number"), max_length=10, blank=True, help_text=_("Roman numeral, e.g. IX.")
    )
    source = models.CharField(_("source"), max_length=255, blank=True, default=CHRONICLE_SOURCE)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("date")]),
        FieldPanel("text"),
        FieldPanel("text_es"),
        FieldPanel("text_pt"),
        FieldPanel("text_fr"),
        FieldRowPanel([FieldPanel("body_kind"), FieldPanel("meeting_number")]),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["year", "date", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.year}: {self.text[:60]}"

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if bool(self.body_kind) != bool(self.meeting_number):
            raise ValidationError(
                {"meeting_number": _("Give both the meeting's body and its number, or neither.")}
            )
        if self.date and self.date.year != self.year:
            raise ValidationError(
                {"date": _("The date %(date)s is not in %(year)s.") % {"date": self.date, "year": self.year}}
            )

    def text_in(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text

    @property
    def meeting_key(self) -> tuple[str, str] | None:
        return (self.body_kind, self.meeting_number) if self.body_kind else None
