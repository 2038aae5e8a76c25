"""Cooperation in practice: each state's measure sheets (what it can do for another state, on what
basis, through whom, in which language and form) and its treaty declarations, reservations and
designated authorities.

Both are Wagtail snippets with drafts, revisions, locking and a workflow, like laws: a focal point drafts
their own state's records and the Secretariat publishes them; the row holds the published version, so
public pages read rows and never a draft. A sheet is one record per state and measure. What it says is
public unless the sheet's visibility says otherwise; `experts_notes` alone is for vetted users (practical
hints a state shares with its peers, never with visitors): one honest split rather than a visibility per
field.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from cyberportal.core.models import DueForVerification, Example, Restricted
from cyberportal.directory.models import Authority, validate_languages
from cyberportal.laws.models import Provision
from cyberportal.states.models import Article, Instrument, State, language_name

from .admin_forms import CooperationAdminForm


class Measure(models.TextChoices):
    """The investigative measures a sheet describes, in the order a prosecutor meets them."""

    PRESERVATION = "preservation", _("Expedited preservation of stored data")
    PARTIAL_TRAFFIC = "partial_traffic", _("Partial disclosure of traffic data")
    SUBSCRIBER = "subscriber", _("Subscriber information")
    TRAFFIC = "traffic", _("Traffic data")
    CONTENT = "content", _("Content data")
    SEARCH_SEIZURE = "search_seizure", _("Search and seizure of stored data")
    REALTIME_TRAFFIC = "realtime_traffic", _("Real-time collection of traffic data")
    INTERCEPTION = "interception", _("Interception of content data")
    EMERGENCY = "emergency", _("Emergency disclosure")
    VIDEO_TESTIMONY = "video_testimony", _("Testimony by video conference")
    JOINT_TEAMS = "joint_teams", _("Joint investigation teams")
    SPONTANEOUS = "spontaneous", _("Spontaneous information")


class Execution(models.TextChoices):
    YES = "yes", _("Yes")
    CONDITIONS = "conditions", _("Yes, with conditions")
    NO = "no", _("No")


class DualCriminality(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Not required")
    REQUIRED = "required", _("Required")
    DEPENDS = "depends", _("Depends on the case")
    UNKNOWN = "unknown", _("Not stated")


class MeasureSheet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Restricted,
    Example,
    DueForVerification,
    ClusterableModel,
):
    """What a state can do for another state for one measure (like the EJN's Fiches Belges)."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="measure_sheets"
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    can_execute = models.CharField(
        _("can be executed for another state"), max_length=12, choices=Execution.choices
    )
    conditions = models.TextField(_("conditions"), blank=True)
    domestic_provisions = ParentalManyToManyField(
        Provision,
        verbose_name=_("domestic legal basis"),
        blank=True,
        related_name="measure_sheets",
        help_text=_("The provisions of the compendium that allow the measure."),
    )
    domestic_citation = models.CharField(
        _("domestic legal basis (as cited)"),
        max_length=300,
        blank=True,
        help_text=_("For a provision not yet in the compendium."),
    )
    treaty_articles = ParentalManyToManyField(
        Article,
        verbose_name=_("treaty bases accepted"),
        blank=True,
        related_name="measure_sheets",
        help_text=_("The articles of the reference instruments the state accepts as a basis."),
    )
    other_bases = models.TextField(
        _("other bases accepted"), blank=True, help_text=_("Bilateral treaties, reciprocity, ...")
    )
    dual_criminality = models.CharField(
        _("dual criminality"), max_length=14, choices=DualCriminality.choices, default=DualCriminality.UNKNOWN
    )
    dual_criminality_note = models.CharField(_("dual criminality (note)"), max_length=500, blank=True)
    channel_247 = models.BooleanField(_("24/7 network"), default=False)
    channel_central_authority = models.BooleanField(_("central authority"), default=False)
    channel_direct = models.BooleanField(_("directly between authorities"), default=False)
    channel_diplomatic = models.BooleanField(_("diplomatic channel"), default=False)
    languages = models.JSONField(
        _("languages accepted"),
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=_('BCP 47 codes, e.g. ["es", "en"]; shown by name in the reader\'s language.'),
    )
    form_email = models.BooleanField(_("accepted by e-mail"), default=False)
    form_signature = models.BooleanField(_("signature required"), default=False)
    form_encryption = models.BooleanField(_("encryption required"), default=False)
    form_originals = models.BooleanField(_("originals required"), default=False)
    form_notes = models.TextField(_("form (notes)"), blank=True)
    time_frames = models.TextField(_("usual time frames"), blank=True)
    limits_on_use = models.TextField(_("limits on the use of the evidence"), blank=True)
    request_contents = models.TextField(_("what the request must contain"), blank=True)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("competent authority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measure_sheets",
    )
    public_notes = models.TextField(_("notes"), blank=True)
    experts_notes = models.TextField(
        _("notes for vetted experts"),
        blank=True,
        help_text=_("Never shown to visitors, whatever the sheet's visibility."),
    )
    as_of = models.DateField(_("as of"), help_text=_("The date on which the sheet was correct."))
    next_due = models.DateField(
        _("next verification due"),
        null=True,
        blank=True,
        help_text=_("Like contacts: when to check it again."),
    )

    policy_state_field = "state"
    base_form_class = CooperationAdminForm

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("measure")]),
        FieldRowPanel([FieldPanel("can_execute"), FieldPanel("conditions")]),
        MultiFieldPanel(
            [
                FieldPanel("domestic_provisions"),
                FieldPanel("domestic_citation"),
                FieldPanel("treaty_articles"),
                FieldPanel("other_bases"),
                FieldRowPanel([FieldPanel("dual_criminality"), FieldPanel("dual_criminality_note")]),
            ],
            heading=_("Legal basis"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("channel_247"),
                        FieldPanel("channel_central_authority"),
                        FieldPanel("channel_direct"),
                        FieldPanel("channel_diplomatic"),
                    ]
                ),
                FieldPanel("authority"),
                FieldPanel("languages"),
            ],
            heading=_("Channels, authority and languages"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("form_email"),
                        FieldPanel("form_signature"),
                        FieldPanel("form_encryption"),
                        FieldPanel("form_originals"),
                    ]
                ),
                FieldPanel("form_notes"),
                FieldPanel("request_contents"),
                FieldPanel("time_frames"),
                FieldPanel("limits_on_use"),
            ],
            heading=_("Form, contents and time frames"),
        ),
        FieldPanel("public_notes"),
        FieldPanel("experts_notes"),
        FieldRowPanel(
            [FieldPanel("as_of"), FieldPanel("next_due"), FieldPanel("visibility"), FieldPanel("is_example")]
        ),
    ]

    class Meta:
        ordering = ["state__code", "measure"]
        constraints = [models.UniqueConstraint(fields=["state", "measure"], name="unique_measure_sheet")]
        verbose_name = _("measure sheet")
        verbose_name_plural = _("measure sheets")

    def __str__(self) -> str:
        return f"{self.state.code}: {self.get_measure_display()}"

    def clean(self):
        super().clean()
        if self.authority_id and self.state_id and self.authority.state_id != self.state_id:
            raise ValidationError(
                {"authority": _("The competent authority must belong to the sheet's state.")}
            )
        if self.can_execute == Execution.CONDITIONS and not self.conditions.strip():
            raise ValidationError({"conditions": _("Say which conditions apply.")})
        if self.next_due and self.as_of and self.next_due < self.as_of:
            raise ValidationError(
                {"next_due": _("The next verification cannot come before the “as of” date.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("cooperation:state", args=[self.state.code.lower()]) + f"#{self.measure}"

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages or []]

    @property
    def channel_labels(self) -> list[str]:
        fields = ["channel_247", "channel_central_authority", "channel_direct", "channel_diplomatic"]
        return [str(self._meta.get_field(f).verbose_name) for f in fields if getattr(self, f)]

    @property
    def form_labels(self) -> list[str]:
        fields = ["form_email", "form_signature", "form_encryption", "form_originals"]
        return [str(self._meta.get_field(f).verbose_name) for f in fields if getattr(self, f)]


class DeclarationKind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration")
    RESERVATION = "reservation", _("Reservation")
    DESIGNATED_AUTHORITY = "authority", _("Designated authority")
    NOTIFICATION = "notification", _("Notification")


class Declaration(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Restricted,
    Example,
    ClusterableModel,
):
    """A state's declaration, reservation or designation of an authority under an article of a treaty."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="declarations"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="declarations"
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declarations",
        help_text=_("Leave empty for a declaration on the instrument as a whole."),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=DeclarationKind.choices)
    text = models.TextField(_("text"))
    language = models.CharField(_("language of the text"), max_length=12, default="en")
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("designated authority in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
    )
    made_on = models.DateField(_("made on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_note = models.CharField(_("source (note)"), max_length=300, blank=True)
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("When the source was last checked.")
    )

    policy_state_field = "state"
    base_form_class = CooperationAdminForm

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("instrument"), FieldPanel("article")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
        FieldPanel("text"),
        FieldPanel("authority"),
        FieldRowPanel([FieldPanel("made_on"), FieldPanel("withdrawn_on"), FieldPanel("as_of")]),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_note")]),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_example")]),
    ]

    class Meta:
        ordering = ["state__code", "instrument__order", "article__sort_order", "kind"]
        verbose_name = _("treaty declaration")
        verbose_name_plural = _("treaty declarations")

    def __str__(self) -> str:
        where = f", {self.article.label}" if self.article_id else ""
        return f"{self.state.code} – {self.instrument.short_name}{where}: {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.article_id and self.instrument_id and self.article.instrument_id != self.instrument_id:
            raise ValidationError({"article": _("The article must belong to the instrument.")})
        if self.authority_id and self.state_id and self.authority.state_id != self.state_id:
            raise ValidationError({"authority": _("The designated authority must belong to the state.")})
        if self.withdrawn_on and self.made_on and self.withdrawn_on < self.made_on:
            raise ValidationError(
                {"withdrawn_on": _("A declaration cannot be withdrawn before it was made.")}
            )

    @property
    def language_label(self) -> str:
        return language_name(self.language)


class RequestDraft(models.Model):
    """A request its author is preparing with the assistant: theirs alone, sealed, short-lived.

    Everything the author typed, and even which state and measure the request is about, is in `sealed`
    (encrypted by `crypto.seal`); the clear columns say only whose it is and when it goes. No search
    index, no admin, no page cache (caching.pagecache lists it as bookkeeping), no revision history.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="request_drafts",
    )
    sealed = models.TextField(_("sealed content"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    expires_at = models.DateTimeField(_("erased after"), db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("request draft")
        verbose_name_plural = _("request drafts")

    def __str__(self) -> str:
        # Never the content: this is what logs, error pages and the audit trail would show.
        return f"request draft {self.pk}"
