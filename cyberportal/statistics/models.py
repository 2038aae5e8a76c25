"""Annual statistics: the indicators the Secretariat defines, and each state's yearly return of values.

Indicators are data, not code: the Secretariat adds, words and retires them in the admin, with their
definitions in the four languages and their validation rules (the total their value is a part of, the
indicator their value may not exceed, the change from last year that needs an explanation). A return
belongs to one state and one year and goes draft → submitted → validated, or back to the focal point
with the Secretariat's comment (`services`); only validated returns are `live`, and core.policy shows a
return that is not live to its own state's focal point and the Secretariat only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cyberportal.core.models import Example, Restricted

LANGUAGES = ("en", "es", "pt", "fr")


class Category(models.TextChoices):
    OFFENCES = "offences", _("Cybercrime cases")
    MUTUAL_ASSISTANCE = "mutual_assistance", _("Mutual legal assistance requests")
    NETWORK_247 = "network_247", _("24/7 network requests")
    PRESERVATION = "preservation", _("Preservation requests")
    TRAINING = "training", _("Training reach")


class Offence(models.TextChoices):
    """The offence categories of the Budapest Convention (CETS 185), Articles 2 to 11."""

    ALL = "all", _("All offences")
    ART2 = "art2", _("Illegal access (Art. 2)")
    ART3 = "art3", _("Illegal interception (Art. 3)")
    ART4 = "art4", _("Data interference (Art. 4)")
    ART5 = "art5", _("System interference (Art. 5)")
    ART6 = "art6", _("Misuse of devices (Art. 6)")
    ART7 = "art7", _("Computer-related forgery (Art. 7)")
    ART8 = "art8", _("Computer-related fraud (Art. 8)")
    ART9 = "art9", _("Offences related to child sexual abuse material (Art. 9)")
    ART10 = "art10", _("Infringements of copyright and related rights (Art. 10)")
    ART11 = "art11", _("Attempt and aiding or abetting (Art. 11)")


class Measure(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    INVESTIGATED = "investigated", _("Investigated")
    PROSECUTED = "prosecuted", _("Prosecuted")
    CONVICTED = "convicted", _("Convicted")
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    EXECUTED = "executed", _("Executed")
    TRAINED = "trained", _("Trained")


class Unit(models.TextChoices):
    CASES = "cases", _("cases")
    REQUESTS = "requests", _("requests")
    PERSONS = "persons", _("persons")


class Indicator(models.Model):
    """One figure each state reports per year, as the Secretariat defines it."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("E.g. cases-recorded-art2."))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    offence = models.CharField(
        _("offence category"),
        max_length=10,
        choices=Offence.choices,
        blank=True,
        help_text=_("For cases: the Budapest Convention article, or all offences for the total."),
    )
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.CASES)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    definition_en = models.TextField(_("definition (English)"))
    definition_es = models.TextField(_("definition (Spanish)"), blank=True)
    definition_pt = models.TextField(_("definition (Portuguese)"), blank=True)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of the total"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_("The total this figure is a part of: the parts must add up to it."),
    )
    at_most = models.ForeignKey(
        "self",
        verbose_name=_("may not exceed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("E.g. convictions may not exceed prosecutions."),
    )
    jump_threshold = models.PositiveSmallIntegerField(
        _("change from last year that needs a note (%)"),
        null=True,
        blank=True,
        default=50,
        help_text=_("A larger rise or fall is flagged and the focal point explains it; empty: never."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("asked for"), default=True, help_text=_("Retired indicators keep their values.")
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order"), FieldPanel("active")]),
        FieldRowPanel(
            [FieldPanel("category"), FieldPanel("offence"), FieldPanel("measure"), FieldPanel("unit")]
        ),
        MultiFieldPanel(
            [FieldPanel(f"name_{lang}") for lang in LANGUAGES]
            + [FieldPanel(f"definition_{lang}") for lang in LANGUAGES],
            heading=_("Name and definition"),
        ),
        MultiFieldPanel(
            [FieldPanel("part_of"), FieldPanel("at_most"), FieldPanel("jump_threshold")],
            heading=_("Validation rules"),
        ),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def _in_language(self, field: str) -> str:
        language = (get_language() or "en").split("-")[0]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_en")

    @property
    def name(self) -> str:
        """The name in the reader's language, English when it has no translation."""
        return self._in_language("name")

    @property
    def definition(self) -> str:
        return self._in_language("definition")


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with a comment")
    VALIDATED = "validated", _("Validated")


class StatisticsReturn(Restricted, Example):
    """A state's figures for one year. Public once the Secretariat validates it (`live`)."""

    state = models.ForeignKey(
        "states.State", verbose_name=_("state"), on_delete=models.CASCADE, related_name="statistics_returns"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT
    )
    live = models.BooleanField(_("validated and published"), default=False, editable=False)
    methodology = models.TextField(
        _("notes on methodology"),
        blank=True,
        help_text=_("Sources, counting rules, what the figures leave out, changes from last year."),
    )
    review_comment = models.TextField(_("the Secretariat's comment"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    policy_state_field = "state"

    class Meta:
        ordering = ["state__code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_statistics_return_per_year")
        ]
        verbose_name = _("statistics return")
        verbose_name_plural = _("statistics returns")

    def __str__(self) -> str:
        return f"{self.state.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("statistics:return", args=[self.state.code.lower(), self.year])


class StatisticValue(models.Model):
    """One indicator's figure in a return: a number, or 'not available', with the focal point's note."""

    statistics_return = models.ForeignKey(StatisticsReturn, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveBigIntegerField(_("value"), null=True, blank=True)
    not_available = models.BooleanField(_("not available"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statistics_return", "indicator"], name="one_value_per_indicator"
            ),
            models.CheckConstraint(
                condition=~models.Q(value__isnull=False, not_available=True), name="value_or_not_available"
            ),
        ]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self) -> str:
        return f"{self.indicator.code}: {'n/a' if self.not_available else self.value}"
