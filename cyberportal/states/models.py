"""Member states, organisations, reference instruments and each state's standing towards them.

Names of states and languages are never stored: they come from CLDR (Babel) in the reader's
language, so that 35 or 194 states read correctly in every interface language.
"""

from __future__ import annotations

import datetime

from babel import Locale
from babel.core import UnknownLocaleError
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin

from cyberportal.core.admin_forms import StateScopedAdminForm
from cyberportal.core.models import Example, Restricted
from cyberportal.core.timezones import default_zone

from .admin_forms import StateAdminForm


def _babel_locale(language: str | None = None) -> Locale:
    code = (language or translation.get_language() or "en").split("-")[0]
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def territory_name(code: str, language: str | None = None) -> str:
    """The name of an ISO 3166 alpha-2 territory in `language` (the active language by default)."""
    return _babel_locale(language).territories.get(code.upper(), code.upper())


def language_name(code: str, language: str | None = None) -> str:
    """The name of a BCP 47 language in `language` (the active language by default)."""
    names = _babel_locale(language).languages
    return names.get(code) or names.get(code.split("-")[0]) or code


def reader_language() -> str:
    return (translation.get_language() or "en").split("-")[0]


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    NOT_PARTICIPATING = "not_participating", _("Member, not participating")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StateQuerySet(models.QuerySet):
    def with_profile_data(self):
        return self.prefetch_related("memberships", "treaty_statuses__instrument")


class State(RevisionMixin, ClusterableModel):
    """A state of the network, identified by its ISO 3166-1 codes."""

    code = models.CharField(
        _("ISO 3166-1 alpha-2 code"), max_length=2, unique=True, help_text=_("Two capital letters, e.g. AR.")
    )
    alpha3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric code"), max_length=3, blank=True)
    official_languages = models.JSONField(
        _("official languages"), default=list, blank=True, help_text=_('BCP 47 codes, e.g. ["es", "gn"].')
    )
    time_zones = models.JSONField(
        _("time zones"), default=list, blank=True, help_text=_("IANA time zone names.")
    )
    network_247_member = models.BooleanField(_("member of the 24/7 network"), default=False)
    network_247_since = models.DateField(_("24/7 network member since"), null=True, blank=True)
    network_247_source = models.URLField(_("24/7 network source"), blank=True)
    network_247_is_example = models.BooleanField(_("24/7 membership is an example"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = StateQuerySet.as_manager()

    base_form_class = StateAdminForm
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("alpha3"), FieldPanel("numeric")], heading=_("Codes")),
        FieldPanel("official_languages"),
        FieldPanel("time_zones"),
        InlinePanel("memberships", heading=_("Membership of the network"), label=_("Period")),
        MultiFieldPanel(
            [
                FieldPanel("network_247_member"),
                FieldPanel("network_247_since"),
                FieldPanel("network_247_source"),
                FieldPanel("network_247_is_example"),
            ],
            heading=_("24/7 network"),
        ),
        InlinePanel("treaty_statuses", heading=_("Treaty status"), label=_("Instrument")),
        InlinePanel("strategies", heading=_("National cybercrime strategy"), label=_("Strategy")),
        InlinePanel("units", heading=_("Specialised units"), label=_("Unit")),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        self.alpha3 = self.alpha3.upper()
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return territory_name(self.code)

    def name_in(self, language: str) -> str:
        return territory_name(self.code, language)

    def get_absolute_url(self) -> str:
        return reverse("states:profile", args=[self.code.lower()])

    @cached_property
    def current_membership(self) -> Membership | None:
        periods = sorted(self.memberships.all(), key=lambda m: m.start)
        return periods[-1] if periods else None

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.official_languages]

    @property
    def default_time_zone(self) -> str:
        """The capital's zone (Brazil: America/Sao_Paulo, not America/Araguaina, the first CLDR lists)."""
        return default_zone(self.code, self.time_zones)


class Membership(Orderable, Example):
    """A period of a state's membership of the network (states join, stop taking part, and leave)."""

    state = ParentalKey(State, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)
    since = models.DateField(
        _("since"), null=True, blank=True, help_text=_("Leave empty if only the year is known.")
    )
    since_year = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    source_url = models.URLField(_("source"), blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("status"), FieldPanel("since"), FieldPanel("since_year"), FieldPanel("until")]
        ),
        FieldPanel("note"),
        FieldPanel("source_url"),
        FieldPanel("is_example"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")

    def __str__(self) -> str:
        return f"{self.state.code} {self.get_status_display()} {self.since_display}"

    @property
    def start(self) -> datetime.date:
        """For ordering periods when only the year is known."""
        return self.since or datetime.date(self.since_year or 1, 1, 1)

    @property
    def since_display(self) -> str:
        if self.since:
            return self.since.isoformat()
        return str(self.since_year or "")


class InstrumentKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    OTHER = "other", _("Other instrument")


class Instrument(RevisionMixin, ClusterableModel):
    """A reference instrument (a convention or protocol) whose articles national laws implement."""

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in addresses, e.g. cets-185."))
    short_name = models.CharField(_("short name"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=InstrumentKind.choices, default=InstrumentKind.CONVENTION
    )
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("E.g. CETS No. 185.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("protocol to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="protocols",
    )
    adopted_on = models.DateField(_("adopted or opened for signature on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    entry_into_force_note = models.CharField(_("entry into force (note)"), max_length=300, blank=True)
    language = models.CharField(_("language of the titles"), max_length=10, default="en")
    source_url = models.URLField(_("source"), blank=True)
    source_note = models.CharField(_("source note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_("Per language: short_name, title and the source of that language version."),
    )

    panels = [
        FieldPanel("short_name"),
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("slug"), FieldPanel("kind"), FieldPanel("reference"), FieldPanel("parent")]
        ),
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("place"), FieldPanel("entry_into_force")]),
        FieldPanel("entry_into_force_note"),
        FieldRowPanel(
            [FieldPanel("source_url"), FieldPanel("source_note"), FieldPanel("language"), FieldPanel("order")]
        ),
        InlinePanel("articles", heading=_("Articles"), label=_("Article")),
    ]

    class Meta:
        ordering = ["order", "short_name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.display_short_name

    def get_absolute_url(self) -> str:
        return reverse("states:instrument", args=[self.slug])

    def _in_reader_language(self, field: str) -> tuple[str, str, bool]:
        """(text, its language, whether it falls back on the original) for the reader's language."""
        language = reader_language()
        if language != self.language:
            value = (self.translations or {}).get(language, {}).get(field)
            if value:
                return value, language, False
            return getattr(self, field), self.language, True
        return getattr(self, field), self.language, False

    @property
    def display_short_name(self) -> str:
        return self._in_reader_language("short_name")[0]

    @property
    def display_title(self) -> str:
        return self._in_reader_language("title")[0]

    @property
    def name_language(self) -> str:
        return self._in_reader_language("title")[1]

    @property
    def name_is_fallback(self) -> bool:
        return self._in_reader_language("title")[2]

    @property
    def language_source(self) -> dict:
        """The source of the reader's language version: {"source": ..., "source_url": ...}, or {}."""
        entry = (self.translations or {}).get(reader_language(), {})
        return {k: entry[k] for k in ("source", "source_url") if entry.get(k)}


class ArticleCategory(models.TextChoices):
    GENERAL = "general", _("General provisions")
    DEFINITIONS = "definitions", _("Definitions")
    SUBSTANTIVE = "substantive", _("Substantive criminal law")
    PROCEDURAL = "procedural", _("Procedural law")
    JURISDICTION = "jurisdiction", _("Jurisdiction")
    COOPERATION = "cooperation", _("International cooperation")
    SAFEGUARDS = "safeguards", _("Conditions and safeguards")
    FINAL = "final", _("Final provisions")

    @classmethod
    def about_the_treaty(cls) -> frozenset[str]:
        """Categories of articles about the treaty itself (its purpose, signature, entry into force,
        reservations, denunciation): nothing in a state's criminal law implements them, so comparisons of
        domestic law (the matrix, gap reports) leave them out rather than report them as missing."""
        return frozenset({cls.GENERAL, cls.FINAL})

    @classmethod
    def domestic_choices(cls) -> list[tuple[str, str]]:
        """The categories a state's law implements, for filters of comparisons of domestic law."""
        return [(value, label) for value, label in cls.choices if value not in cls.about_the_treaty()]


class Article(Orderable):
    """An article of an instrument, with its place in the instrument's structure."""

    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="articles")
    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    chapter = models.CharField(_("chapter"), max_length=200, blank=True)
    section = models.CharField(_("section"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=ArticleCategory.choices)
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("The title still has to be checked against the official text."),
    )
    translations = models.JSONField(
        _("titles in other languages"),
        default=dict,
        blank=True,
        help_text=_("Per language: title, chapter and section in that language's version."),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("chapter"), FieldPanel("section"), FieldPanel("provisional")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="unique_article_number")]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return f"{self.instrument.display_short_name}, {self.label} – {self.display_title}"

    def _in_reader_language(self, field: str) -> tuple[str, bool]:
        language = reader_language()
        original = getattr(self, field)
        if language == self.instrument.language or not original:
            return original, False
        value = (self.translations or {}).get(language, {}).get(field)
        return (value, False) if value else (original, True)

    @property
    def display_title(self) -> str:
        return self._in_reader_language("title")[0]

    @property
    def title_is_fallback(self) -> bool:
        return self._in_reader_language("title")[1]

    @property
    def title_language(self) -> str:
        return self.instrument.language if self.title_is_fallback else reader_language()

    @property
    def display_chapter(self) -> str:
        return self._in_reader_language("chapter")[0]

    @property
    def display_section(self) -> str:
        return self._in_reader_language("section")[0]

    @property
    def label(self) -> str:
        return f"Art. {self.number}"  # the same abbreviation in the four languages

    @property
    def applies_to_domestic_law(self) -> bool:
        return self.category not in ArticleCategory.about_the_treaty()

    def title_in(self, language: str | None = None) -> tuple[str, str]:
        """The title in `language` (the active language by default) and the language it is really in.

        The reference data gives each title in the instrument's language; its official language
        versions (`translations`, the same data as `display_title`) are used instead. Callers show the
        second value (`lang` attribute, a visible marker) when it differs from the reader's language.
        """
        code = (language or translation.get_language() or "en").split("-")[0]
        original = getattr(self.instrument, "language", "") or "en"
        if code == original:
            return self.title, original
        translated = (self.translations or {}).get(code, {}).get("title")
        return (translated, code) if translated else (self.title, original)


class TreatyStatusValue(models.TextChoices):
    NONE = "none", _("Not a party")
    INVITED = "invited", _("Invited to accede")
    SIGNED = "signed", _("Signed")
    RATIFIED = "ratified", _("Ratified")
    ACCEDED = "acceded", _("Acceded")

    @classmethod
    def party_values(cls) -> list[str]:
        return [cls.RATIFIED, cls.ACCEDED]


class TreatyStatus(Orderable, Example):
    """Where a state stands towards an instrument, with dates and the source that says so."""

    state = ParentalKey(State, on_delete=models.CASCADE, related_name="treaty_statuses")
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="statuses"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TreatyStatusValue.choices, default=TreatyStatusValue.NONE
    )
    invited_on = models.DateField(_("invited on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ratified_on = models.DateField(_("ratified or acceded on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force for the state on"), null=True, blank=True)
    source_url = models.URLField(_("source"), blank=True)
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("When the source was last checked.")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("instrument"), FieldPanel("status")]),
        FieldRowPanel(
            [
                FieldPanel("invited_on"),
                FieldPanel("signed_on"),
                FieldPanel("ratified_on"),
                FieldPanel("in_force_on"),
            ]
        ),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("as_of"), FieldPanel("is_example")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["state", "instrument"], name="unique_treaty_status")]
        verbose_name = _("treaty status")
        verbose_name_plural = _("treaty statuses")

    def __str__(self) -> str:
        return f"{self.state.code} – {self.instrument.display_short_name}: {self.get_status_display()}"

    @property
    def is_party(self) -> bool:
        return self.status in TreatyStatusValue.party_values()


class ProposalForm(StateScopedAdminForm):
    """A focal point proposes for their one state: it is filled in for them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("state")
        if field is not None and not self.instance.pk and field.queryset.count() == 1:
            field.initial = field.queryset.get().pk


class TreatyStatusProposal(WorkflowMixin, DraftStateMixin, RevisionMixin, Example, models.Model):
    """A focal point's proposed change to their state's treaty status, with the source that says so.

    It goes through the one moderation flow (core.moderation); when the Secretariat approves it, it is
    published and `states.services.treaty_status_proposal_apply` writes it into the state's treaty status.
    Until then the profile shows the status as it was.
    """

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="treaty_status_proposals"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("proposed status"), max_length=20, choices=TreatyStatusValue.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ratified_on = models.DateField(_("ratified or acceded on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force for the state on"), null=True, blank=True)
    source_url = models.URLField(
        _("source"),
        help_text=_("Where the change can be checked, e.g. the treaty office's chart of signatures."),
    )
    note = models.CharField(_("note to the Secretariat"), max_length=500, blank=True)
    applied_at = models.DateTimeField(_("applied to the profile"), null=True, blank=True, editable=False)

    policy_state_field = "state"

    base_form_class = ProposalForm
    panels = [
        # Plain lists rather than choosers: a focal point has one state, and the network a few instruments.
        FieldRowPanel(
            [
                FieldPanel("state", widget=forms.Select),
                FieldPanel("instrument", widget=forms.Select),
                FieldPanel("status"),
            ]
        ),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("ratified_on"), FieldPanel("in_force_on")]),
        FieldPanel("source_url"),
        FieldPanel("note"),
        FieldPanel("is_example"),
    ]

    class Meta:
        ordering = ["state__code", "-pk"]
        verbose_name = _("treaty status proposal")
        verbose_name_plural = _("treaty status proposals")

    def __str__(self) -> str:
        return f"{self.state.code} – {self.instrument.short_name}: {self.get_status_display()}"

    def clean(self):
        super().clean()
        party = self.status in TreatyStatusValue.party_values()
        if party and not self.ratified_on:
            raise ValidationError({"ratified_on": _("Give the date of ratification or accession.")})
        if self.status == TreatyStatusValue.SIGNED and not self.signed_on:
            raise ValidationError({"signed_on": _("Give the date of signature.")})
        if self.signed_on and self.ratified_on and self.ratified_on < self.signed_on:
            raise ValidationError({"ratified_on": _("Ratification cannot come before signature.")})


class NetworkChange(models.TextChoices):
    JOIN = "member", _("Member of the 24/7 network")
    LEAVE = "not_member", _("Not a member of the 24/7 network")


class StateProfileProposalForm(ProposalForm):
    pickers = {"official_languages": "languages", "time_zones": "zones"}


class StateProfileProposal(WorkflowMixin, DraftStateMixin, RevisionMixin, Example, models.Model):
    """A focal point's proposed change to their state's profile: the facts a focal point knows (24/7
    network membership, official languages, time zones, the national strategy), with its source.

    Fields left empty keep what the profile has. It goes through the one moderation flow
    (core.moderation); when the Secretariat approves it, `states.services.state_profile_proposal_apply`
    writes it into the state. ISO codes and network memberships stay the Secretariat's.
    """

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="profile_proposals"
    )
    network_247 = models.CharField(
        _("24/7 network"),
        max_length=20,
        choices=NetworkChange.choices,
        blank=True,
        help_text=_("Leave empty to keep it as it is."),
    )
    network_247_since = models.DateField(_("24/7 network member since"), null=True, blank=True)
    official_languages = models.JSONField(
        _("official languages"),
        default=list,
        blank=True,
        help_text=_("Leave empty to keep them as they are."),
    )
    time_zones = models.JSONField(
        _("time zones"), default=list, blank=True, help_text=_("Leave empty to keep them as they are.")
    )
    strategy_title = models.CharField(
        _("national strategy: title"),
        max_length=300,
        blank=True,
        help_text=_("A new strategy, or the title of one the profile lists, to update its year and link."),
    )
    strategy_year = models.PositiveSmallIntegerField(_("national strategy: year"), null=True, blank=True)
    strategy_url = models.URLField(_("national strategy: link"), blank=True)
    source_url = models.URLField(
        _("source"), help_text=_("Where the change can be checked, e.g. an official gazette or a decree.")
    )
    note = models.CharField(
        _("note to the Secretariat"), max_length=500, help_text=_("What changes and why.")
    )
    applied_at = models.DateTimeField(_("applied to the profile"), null=True, blank=True, editable=False)

    policy_state_field = "state"

    base_form_class = StateProfileProposalForm
    panels = [
        FieldPanel("state", widget=forms.Select),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("network_247"), FieldPanel("network_247_since")])],
            heading=_("24/7 network"),
        ),
        FieldPanel("official_languages"),
        FieldPanel("time_zones"),
        MultiFieldPanel(
            [
                FieldPanel("strategy_title"),
                FieldRowPanel([FieldPanel("strategy_year"), FieldPanel("strategy_url")]),
            ],
            heading=_("National cybercrime strategy"),
        ),
        FieldPanel("source_url"),
        FieldPanel("note"),
        FieldPanel("is_example"),
    ]

    class Meta:
        ordering = ["state__code", "-pk"]
        verbose_name = _("state profile proposal")
        verbose_name_plural = _("state profile proposals")

    def __str__(self) -> str:
        return f"{self.state.code} – {self.note[:60]}"

    def clean(self):
        super().clean()
        if self.network_247_since and self.network_247 == NetworkChange.LEAVE:
            raise ValidationError(
                {"network_247_since": _("A state that leaves the 24/7 network has no membership date.")}
            )
        if (self.strategy_year or self.strategy_url) and not self.strategy_title:
            raise ValidationError({"strategy_title": _("Give the title of the strategy.")})
        if not any(
            (
                self.network_247,
                self.network_247_since,
                self.official_languages,
                self.time_zones,
                self.strategy_title,
            )
        ):
            raise ValidationError(_("Propose at least one change to the profile."))


class NationalStrategy(Orderable, Example):
    state = ParentalKey(State, on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language of the title"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("language"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("url"), FieldPanel("is_example")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("national strategy")
        verbose_name_plural = _("national strategies")

    def __str__(self) -> str:
        return self.title


class UnitKind(models.TextChoices):
    POLICE = "police", _("Police investigation unit")
    PROSECUTION = "prosecution", _("Prosecution unit")
    FORENSICS = "forensics", _("Digital forensics laboratory")
    CSIRT = "csirt", _("CSIRT")
    OTHER = "other", _("Other")


class SpecialisedUnit(Orderable, Restricted, Example):
    """A specialised cybercrime unit; some states share their units' details with experts only."""

    state = ParentalKey(State, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(_("language of the name"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.POLICE)
    established = models.PositiveSmallIntegerField(_("established (year)"), null=True, blank=True)
    url = models.URLField(_("website"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("language"), FieldPanel("kind")]),
        FieldRowPanel(
            [FieldPanel("established"), FieldPanel("url"), FieldPanel("visibility"), FieldPanel("is_example")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("specialised unit")
        verbose_name_plural = _("specialised units")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Technical Secretariat")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other partner")


class Organisation(RevisionMixin, models.Model):
    """A body that is not a state: the Technical Secretariat, a partner organisation."""

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.INTERNATIONAL
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("kind"), FieldPanel("url")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
