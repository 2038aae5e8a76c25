"""Events and training: workshops, courses and the meetings of the Working Group and of the ministers,
with their dates in the venue's time zone, place or online link, languages, organisers and partners,
agenda, materials (each with a visibility and a TLP label) and participants counted by state,
institution kind and role.

Participants are never recorded per person: a row says how many people of one state, institution kind
and role attended, and how many of them were women or men when the organiser knows it. The reports
suppress any gender count below SMALL_CELL (selectors.gender_split).

The Secretariat keeps events in the admin (a snippet with inline materials and participants).
A meeting of the recommendations capability is an event without being copied: the list and the feed
show every meeting that no event is linked to, and an event linked to a meeting adds its agenda,
materials and participants (see selectors.event_items).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cyberportal.core.models import Example, Restricted
from cyberportal.core.roles import Visibility
from cyberportal.core.storage import ProtectedFileField
from cyberportal.core.timezones import is_valid_zone
from cyberportal.directory.models import validate_languages
from cyberportal.recommendations.models import Meeting, Theme
from cyberportal.states.models import State, language_name

from .admin_forms import EventAdminForm

# Addresses under /events/ that an event's slug would hide (events/urls.py).
RESERVED_SLUGS = frozenset({"reach", "materials", "feed"})  # addresses under /events/ (feed: the Atom feed)

# A gender count smaller than this is never shown (nor one from which it could be worked out).
SMALL_CELL = 5


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Training course")
    WORKING_GROUP = "working_group", _("Meeting of the Working Group")
    MINISTERS = "ministers", _("Meeting of Ministers of Justice (REMJA)")
    OTHER = "other", _("Other meeting")


# Kinds whose participants count as trained in the reach report.
TRAINING_KINDS = (EventKind.WORKSHOP, EventKind.COURSE)


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class InstitutionKind(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution")
    JUDICIARY = "judiciary", _("Judiciary")
    POLICE = "police", _("Police")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority")
    MINISTRY = "ministry", _("Ministry")
    OTHER = "other", _("Other institution")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker or trainer")
    ORGANISER = "organiser", _("Organiser")
    OBSERVER = "observer", _("Observer")


class TLP(models.TextChoices):
    """TLP 2.0 labels, as the expert spaces write them; TLP:RED needs named recipients (use a space)."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber_strict", "TLP:AMBER+STRICT"


def validate_zone(value: str) -> None:
    if not is_valid_zone(value or ""):
        raise ValidationError(_("“%(value)s” is not a time zone."), params={"value": str(value)[:64]})


class Event(Example, ClusterableModel):
    """One workshop, course or meeting."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Used in addresses, e.g. workshop-lima-2026.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    text_language = models.CharField(
        _("language of the title and description"),
        max_length=12,
        default="en",
        help_text=_("The title, description and agenda are shown in the language they were written in."),
    )
    summary = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("venue's time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_zone],
        help_text=_("Dates and hours are entered and shown in this zone."),
    )
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    host_state = models.ForeignKey(
        State,
        verbose_name=_("host state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    online_url = models.URLField(_("online address"), blank=True)
    languages = models.JSONField(
        _("working languages"), default=list, blank=True, validators=[validate_languages]
    )
    organisers = models.TextField(_("organisers"), blank=True, help_text=_("One per line."))
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("One item per line, e.g. “09:00 Opening session”.")
    )
    topics = ParentalManyToManyField(Theme, verbose_name=_("topics"), blank=True, related_name="events")
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting of the recommendations"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event",
        help_text=_(
            "A meeting that adopted recommendations: the event adds its agenda, materials and participants."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    base_form_class = EventAdminForm
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("text_language"), FieldPanel("is_example")]),
        FieldPanel("summary"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("format"), FieldPanel("host_state")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("city")]),
                FieldPanel("online_url"),
                FieldPanel("languages"),
            ],
            heading=_("When and where"),
        ),
        FieldRowPanel([FieldPanel("organisers"), FieldPanel("partners")]),
        FieldPanel("agenda"),
        FieldPanel("meeting"),
        InlinePanel("materials", heading=_("Materials"), label=_("Material")),
        InlinePanel("participations", heading=_("Participants (counted, never named)"), label=_("Group")),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(value)s” is the address of another page; choose another.")
                    % {"value": self.slug}
                }
            )
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        if self.format != Format.IN_PERSON and not self.online_url:
            raise ValidationError({"online_url": _("An online or hybrid event needs its online address.")})
        if self.format != Format.ONLINE and not (self.city or self.venue):
            raise ValidationError({"city": _("An event held in person needs its city or venue.")})

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone if is_valid_zone(self.time_zone) else "UTC")

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages or []]

    @property
    def organiser_list(self) -> list[str]:
        return [line.strip() for line in self.organisers.splitlines() if line.strip()]

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def is_training(self) -> bool:
        return self.kind in TRAINING_KINDS

    @property
    def place(self) -> str:
        parts = [self.venue, self.city]
        if self.host_state_id:
            parts.append(str(self.host_state))
        return ", ".join(p for p in parts if p)


class EventMaterial(Restricted, Orderable):
    """A document of an event (programme, presentation, report): a file kept privately or an address,
    with who may see it (core.policy) and the TLP label that says how it may be shared."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=12, default="en")
    file = ProtectedFileField(_("file"), upload_to="events/", blank=True, url_name="events:material")
    url = models.URLField(_("or address"), blank=True)
    tlp = models.CharField(_("TLP label"), max_length=16, choices=TLP.choices, default=TLP.CLEAR)

    # Materials belong to no state: "own state" visibility has no meaning for them (clean refuses it).
    policy_state_field = None

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("file"), FieldPanel("url")]),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("tlp")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.file) == bool(self.url):
            errors["url"] = _("Give either a file or an address, not both and not neither.")
        if self.visibility == Visibility.STATE:
            errors["visibility"] = _("A material belongs to no state: choose public, experts or Secretariat.")
        elif (self.visibility == Visibility.PUBLIC) != (self.tlp == TLP.CLEAR):
            errors["tlp"] = _("Only TLP:CLEAR material may be public, and TLP:CLEAR material is public.")
        if errors:
            raise ValidationError(errors)

    @property
    def language_label(self) -> str:
        return language_name(self.language)


class Participation(Orderable):
    """How many people of one state, institution kind and role took part; gender only as two counts."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="participations")
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="+")
    institution_kind = models.CharField(_("institution"), max_length=20, choices=InstitutionKind.choices)
    role = models.CharField(
        _("role"), max_length=12, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )
    count = models.PositiveIntegerField(_("number of people"))
    women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("of whom men"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("institution_kind"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("count"), FieldPanel("women"), FieldPanel("men")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("participants")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "state", "institution_kind", "role"], name="unique_participation_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} · {self.get_institution_kind_display()} · {self.count}"

    def clean(self):
        super().clean()
        if self.count is not None and (self.women or 0) + (self.men or 0) > self.count:
            raise ValidationError(
                {
                    "women": _(
                        "Women (%(women)s) and men (%(men)s) add up to more than the %(count)s people."
                    )
                    % {"women": self.women or 0, "men": self.men or 0, "count": self.count}
                }
            )
