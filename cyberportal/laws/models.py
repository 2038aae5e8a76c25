"""Laws, their provisions in a hierarchy with in-force dates, the mappings of provisions to framework
articles, and the concept thesaurus that drives cross-lingual search and mapping suggestions.

A law is a Wagtail snippet with drafts, revisions, locking and a workflow: a focal point drafts their own
state's laws, the Secretariat publishes them. Provisions hang off the law (ParentalKey) so that a
revision of a law keeps its provisions too; `parent` gives the hierarchy (part > chapter > article >
paragraph) and `valid_from`/`valid_to` keep older wordings when an amendment replaces a text.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from modelsearch import index
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from cyberportal.core.models import Example, Restricted, RestrictedQuerySet
from cyberportal.core.storage import ProtectedFileField
from cyberportal.states.models import Article, State, language_name

from .admin_forms import LawAdminForm, MappingAdminForm

LANGUAGE_CHOICES = [("en", "English"), ("es", "Español"), ("pt", "Português"), ("fr", "Français")]


class LawType(models.TextChoices):
    ACT = "act", _("Act")
    CODE = "code", _("Code")
    DECREE = "decree", _("Decree")
    REGULATION = "regulation", _("Regulation")
    BILL = "bill", _("Bill")


class LawStatus(models.TextChoices):
    BILL = "bill", _("Bill")
    ENACTED = "enacted", _("Enacted")
    IN_FORCE = "in_force", _("In force")
    REPEALED = "repealed", _("Repealed")


class ProvisionKind(models.TextChoices):
    PREAMBLE = "preamble", _("Preamble")
    BOOK = "book", _("Book")
    PART = "part", _("Part")
    SUBPART = "subpart", _("Subpart")
    TITLE = "title", _("Title")
    CHAPTER = "chapter", _("Chapter")
    DIVISION = "division", _("Division")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Paragraph")
    SCHEDULE = "schedule", _("Schedule")


# Kinds that group others; articles and paragraphs carry the operative text that mappings point to.
CONTAINER_KINDS = {
    ProvisionKind.BOOK,
    ProvisionKind.PART,
    ProvisionKind.SUBPART,
    ProvisionKind.TITLE,
    ProvisionKind.CHAPTER,
    ProvisionKind.DIVISION,
    ProvisionKind.SECTION,
    ProvisionKind.SCHEDULE,
}


class MappingExtent(models.TextChoices):
    FULL = "full", _("Full")
    PARTIAL = "partial", _("Partial")


class LawQuerySet(RestrictedQuerySet):
    pass


class Law(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Restricted,
    Example,
    index.Indexed,
    ClusterableModel,
):
    """A statute, code, decree or bill of a state, in its original language."""

    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="laws")
    title = models.CharField(_("title"), max_length=500, help_text=_("In the law's original language."))
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    identifier = models.CharField(
        _("identifier"), max_length=120, help_text=_("As the state cites it, e.g. “Ley 1273 de 2009”.")
    )
    law_type = models.CharField(_("type"), max_length=20, choices=LawType.choices, default=LawType.ACT)
    status = models.CharField(
        _("status"), max_length=20, choices=LawStatus.choices, default=LawStatus.IN_FORCE
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    enacted_on = models.DateField(_("enacted on"), null=True, blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("In the official gazette.")
    )
    in_force_on = models.DateField(_("in force since"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    source_url = models.URLField(_("official source"), max_length=500, blank=True)
    gazette_reference = models.CharField(_("official gazette reference"), max_length=300, blank=True)
    # Private: served only by laws:law_original, which applies the law's visibility and publication.
    original_file = ProtectedFileField(
        _("original document"), upload_to="laws/originals/", blank=True, url_name="laws:law_original"
    )
    frbr_uri = models.CharField(
        _("Akoma Ntoso FRBR work URI"),
        max_length=200,
        unique=True,
        help_text=_("E.g. /akn/co/act/2009/1273 (country, type, year, number)."),
    )
    # An imported document may name its work by an ELI or another scheme; the portal derives the /akn/
    # work URI above and keeps the original here so that nothing of the source's identity is lost.
    source_uri = models.CharField(
        _("work URI in the source document"),
        max_length=300,
        blank=True,
        help_text=_("E.g. an ELI, when the imported document used one instead of an /akn/ URI."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("The editor's summary, in any language.")
    )
    summary_language = models.CharField(_("language of the summary"), max_length=10, blank=True, default="en")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="es")

    objects = LawQuerySet.as_manager()
    base_form_class = LawAdminForm

    panels = [
        FieldPanel("state"),
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldRowPanel(
            [FieldPanel("identifier"), FieldPanel("law_type"), FieldPanel("language"), FieldPanel("year")]
        ),
        FieldRowPanel(
            [
                FieldPanel("status"),
                FieldPanel("enacted_on"),
                FieldPanel("published_on"),
                FieldPanel("in_force_on"),
                FieldPanel("repealed_on"),
            ],
            heading=_("Status and dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source_url"),
                FieldPanel("gazette_reference"),
                FieldPanel("original_file"),
                FieldPanel("frbr_uri"),
                FieldPanel("source_uri"),
            ],
            heading=_("Source"),
        ),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("summary_language"), FieldPanel("visibility"), FieldPanel("is_example")]),
        InlinePanel("provisions", heading=_("Provisions"), label=_("Provision")),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_en", boost=3),
        index.SearchField("identifier", boost=4),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("state"),
        index.FilterField("status"),
        index.FilterField("year"),
        index.FilterField("live"),
        index.FilterField("visibility"),
    ]

    class Meta:
        ordering = ["state__code", "-year", "identifier"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")

    def __str__(self) -> str:
        return f"{self.identifier} ({self.state.code})"

    def clean(self):
        super().clean()
        if self.frbr_uri and not self.frbr_uri.startswith("/akn/"):
            raise ValidationError(
                {"frbr_uri": _("An FRBR work URI starts with /akn/, e.g. /akn/co/act/2009/1273.")}
            )
        if self.repealed_on and self.enacted_on and self.repealed_on < self.enacted_on:
            raise ValidationError({"repealed_on": _("A law cannot be repealed before it was enacted.")})
        if self.published_on and self.enacted_on and self.published_on < self.enacted_on:
            raise ValidationError({"published_on": _("A law cannot be published before it was enacted.")})

    def get_absolute_url(self) -> str:
        return reverse("laws:law", args=[self.pk])

    @property
    def language_label(self) -> str:
        return language_name(self.language)


class ProvisionQuerySet(models.QuerySet):
    def in_force_on(self, date: datetime.date):
        """The wording of each provision that applied on `date` (amendments keep the older texts)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=date),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=date),
        )

    def current(self):
        return self.filter(valid_to__isnull=True)


class Provision(index.Indexed, Orderable):
    """A part, chapter, article or paragraph of a law, with the dates its wording applied."""

    law = ParentalKey(Law, on_delete=models.CASCADE, related_name="provisions")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProvisionKind.choices, default=ProvisionKind.ARTICLE
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Footnotes and authorial notes, one per line, kept out of the text."),
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="es")
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Set when an amendment replaced this wording."),
    )
    source_law = models.ForeignKey(
        Law,
        verbose_name=_("inserted or amended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inserted_provisions",
        help_text=_("The amending law that inserted or replaced this provision in the code."),
    )
    is_example = models.BooleanField(
        _("example text"),
        default=False,
        help_text=_("The text was written for the demo, not copied from the law."),
    )

    objects = ProvisionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("language")]),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("notes"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to"), FieldPanel("is_example")]),
    ]

    search_fields = [
        index.SearchField("heading", boost=2),
        index.SearchField("text"),
        index.SearchField("number"),
        index.FilterField("law_id"),
        index.FilterField("language"),
        index.FilterField("kind"),
        index.FilterField("valid_to"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        indexes = [
            models.Index(fields=["law", "sort_order"]),
            # Search joins a few thousand candidate ids to the current provisions for their law and
            # order: this narrow index answers that alone, instead of a scan of every provision's text.
            models.Index(
                fields=["id", "law", "sort_order"],
                condition=models.Q(valid_to__isnull=True),
                name="laws_provision_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.law.identifier}"

    @property
    def language_name(self) -> str:
        """The provision's language named in the reader's language (not its autonym)."""
        return language_name(self.language)

    @property
    def label(self) -> str:
        if self.kind == ProvisionKind.ARTICLE:
            return f"Art. {self.number}" if self.number else str(_("Article"))
        return f"{self.get_kind_display()} {self.number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("laws:law", args=[self.law_id]) + f"#p{self.pk}"


class ProvisionMapping(Restricted, models.Model):
    """A provision implements a framework article, fully or partly; an editor reviewed the claim."""

    provision = models.ForeignKey(
        Provision, verbose_name=_("provision"), on_delete=models.CASCADE, related_name="mappings"
    )
    article = models.ForeignKey(
        Article, verbose_name=_("framework article"), on_delete=models.CASCADE, related_name="law_mappings"
    )
    extent = models.CharField(
        _("extent"), max_length=10, choices=MappingExtent.choices, default=MappingExtent.FULL
    )
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    policy_state_field = "provision__law__state"
    base_form_class = MappingAdminForm

    panels = [
        FieldPanel("provision"),
        FieldPanel("article"),
        FieldPanel("extent"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["article__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["provision", "article"], name="unique_provision_mapping")
        ]
        verbose_name = _("provision mapping")
        verbose_name_plural = _("provision mappings")

    def __str__(self) -> str:
        return f"{self.provision} → {self.article.label} ({self.get_extent_display()})"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class Concept(RevisionMixin, ClusterableModel):
    """A legal concept of the thesaurus, linked to the framework articles that define it."""

    slug = models.SlugField(_("slug"), unique=True)
    articles = models.ManyToManyField(
        Article, verbose_name=_("framework articles"), blank=True, related_name="concepts"
    )
    broader = models.ForeignKey(
        "self",
        verbose_name=_("broader concept"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="narrower",
        help_text=_("The more general concept this one belongs to (SKOS broader), if any."),
    )

    panels = [
        FieldPanel("slug"),
        FieldPanel("broader"),
        FieldPanel("articles"),
        InlinePanel("labels", heading=_("Labels and synonyms"), label=_("Label")),
    ]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self) -> str:
        return self.display_label

    def clean(self):
        super().clean()
        ancestor, seen = self.broader, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"broader": _("A concept cannot be broader than itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.broader

    @property
    def display_label(self) -> str:
        """The preferred label in the reader's language, else the English one, else the slug."""
        language = (translation.get_language() or "en").split("-")[0]
        preferred = {label.language: label.text for label in self.labels.all() if label.preferred}
        return preferred.get(language) or preferred.get("en") or self.slug


class ConceptLabel(Orderable):
    """A preferred label or a synonym of a concept in one language."""

    concept = ParentalKey(Concept, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    text = models.CharField(_("label"), max_length=200)
    preferred = models.BooleanField(_("preferred label"), default=False)

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("text"), FieldPanel("preferred")])]

    class Meta(Orderable.Meta):
        verbose_name = _("concept label")
        verbose_name_plural = _("concept labels")

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"


class ProvisionConcept(models.Model):
    """A provision names a concept: its heading or text contains one of the concept's labels.

    Derived data, computed when provisions are written (`services.provision_concepts_refresh`) and again
    when the thesaurus changes, so that search finds a concept's provisions through an index instead of
    scanning every provision's text for every label at query time.
    """

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="concept_matches")
    # No index of its own: the unique constraint's index starts with the concept.
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="provision_matches", db_index=False
    )

    class Meta:
        constraints = [
            # Concept first: search reads "the provisions of these concepts" from this index alone.
            models.UniqueConstraint(fields=["concept", "provision"], name="unique_provision_concept")
        ]
        verbose_name = _("provision naming a concept")
        verbose_name_plural = _("provisions naming concepts")

    def __str__(self) -> str:
        return f"{self.provision_id} → {self.concept_id}"


class SavedSearch(models.Model):
    """A signed-in user's search of the legislation (laws:search), kept to re-run from their home."""

    MAX_PER_USER = 50

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.CharField(_("query string"), max_length=1000)  # the search page's GET parameters
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
