"""The directory of points of contact: authorities, their contacts, verification and the finder's rules.

Contacts are restricted records (core.models.Restricted) owned by their authority's state. Phones are
stored in E.164 and e-mails one per row, so that bounced addresses and vCard exports are exact. Each
contact knows when it was last verified and when it is next due: a directory that does not know which
entries are stale fails the day someone needs it.
"""

from __future__ import annotations

import datetime
import zoneinfo

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin

from cyberportal.core.models import DueForVerification, Example, Restricted
from cyberportal.states.models import State, language_name

from .admin_forms import DirectoryAdminForm


class AuthorityKind(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution service")
    POLICE = "police", _("Police")
    JUDICIARY = "judiciary", _("Judiciary")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority or ministry")
    CSIRT = "csirt", _("CSIRT")
    REGULATOR = "regulator", _("Regulator")
    OTHER = "other", _("Other")


class ContactRole(models.TextChoices):
    POC_247 = "poc_247", _("24/7 point of contact (Budapest Art. 35)")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority for mutual assistance (Art. 27)")
    EXTRADITION = "extradition", _("Extradition (Art. 24)")
    INVESTIGATION_UNIT = "investigation_unit", _("Specialised investigation unit")
    PROSECUTION_UNIT = "prosecution_unit", _("Specialised prosecution unit")
    FORENSICS_LAB = "forensics_lab", _("Digital forensics laboratory")
    STATISTICS = "statistics", _("Statistics entity")
    FOCAL_POINT = "focal_point", _("Portal focal point")
    WG_DELEGATE = "wg_delegate", _("Working Group delegate")


class Measure(models.TextChoices):
    PRESERVATION = "preservation", _("Expedited preservation of stored data")
    PRESERVED_TRAFFIC = "preserved_traffic", _("Disclosure of preserved traffic data")
    SUBSCRIBER = "subscriber", _("Subscriber information")
    TRAFFIC = "traffic", _("Traffic data")
    CONTENT = "content", _("Content data")
    EMERGENCY = "emergency", _("Emergency disclosure")
    MUTUAL_ASSISTANCE = "mutual_assistance", _("Formal mutual assistance")
    EXTRADITION = "extradition", _("Extradition")
    SPONTANEOUS = "spontaneous", _("Spontaneous information")


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")


class PhoneKind(models.TextChoices):
    OFFICE = "office", _("Office")
    MOBILE = "mobile", _("Mobile")
    HOTLINE = "hotline", _("24/7 line")
    FAX = "fax", _("Fax")


class VerificationMethod(models.TextChoices):
    LINK_CONFIRMED = "link_confirmed", _("Confirmed by the contact through a verification link")
    LINK_CORRECTED = "link_corrected", _("Corrected by the contact, accepted by an editor")
    EDITOR = "editor", _("Checked by an editor")
    PHONE = "phone", _("Confirmed by telephone")
    MEETING = "meeting", _("Confirmed in person")


WEEKDAY_CHOICES = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone (e.g. America/Bogota)."), params={"value": value}
        )


def validate_languages(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and 2 <= len(v) <= 12 for v in value):
        raise ValidationError(_('Give a list of BCP 47 language codes, e.g. ["es", "en"].'))


def normalise_phone(raw: str, region: str | None = None) -> str:
    """The number in E.164, or a ValidationError naming the value; national numbers use `region`."""
    text = (raw or "").strip()
    try:
        parsed = phonenumbers.parse(text, region if not text.startswith("+") else None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _("“%(value)s” is not a valid international phone number (E.164, e.g. +57 601 555 0100)."),
            params={"value": text[:40]},
            code="invalid_phone",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class RoleType(models.Model):
    """One row per ContactRole, so contacts can hold several roles and be filtered by role on any database."""

    code = models.CharField(_("code"), max_length=30, unique=True, choices=ContactRole.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("contact role")
        verbose_name_plural = _("contact roles")

    def __str__(self) -> str:
        return str(ContactRole(self.code).label) if self.code in ContactRole.values else self.code


class Authority(WorkflowMixin, DraftStateMixin, RevisionMixin, Restricted, Example, ClusterableModel):
    """An institution of a state that receives or sends cooperation requests.

    A focal point's change is a draft until the Secretariat approves it (core.moderation)."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="authorities"
    )
    name = models.CharField(_("name in the original language"), max_length=300)
    name_language = models.CharField(_("language of the name"), max_length=12, default="es")
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AuthorityKind.choices)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    reporting_url = models.URLField(
        _("citizens' reporting page"), blank=True, help_text=_("Where the public reports a cybercrime.")
    )
    request_languages = models.JSONField(
        _("languages accepted for requests"),
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=_('BCP 47 codes, e.g. ["es", "en"].'),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("IANA name."),
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    working_days = models.JSONField(
        _("working days"),
        default=list,
        blank=True,
        help_text=_("ISO weekdays, 1 = Monday, e.g. [1, 2, 3, 4, 5]."),
    )
    hours_note = models.CharField(_("working hours (note)"), max_length=300, blank=True)

    policy_state_field = "state"

    base_form_class = DirectoryAdminForm
    panels = [
        FieldPanel("state"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_language")]),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("visibility"), FieldPanel("is_example")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("reporting_url")]),
        MultiFieldPanel(
            [
                FieldPanel("request_languages"),
                FieldRowPanel([FieldPanel("time_zone"), FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("working_days"),
                FieldPanel("hours_note"),
            ],
            heading=_("Languages and hours"),
        ),
    ]

    class Meta:
        ordering = ["state__code", "name"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")

    def __str__(self) -> str:
        return f"{self.name} ({self.state.code})"

    def get_absolute_url(self) -> str:
        return reverse("directory:authority", args=[self.pk])

    def clean(self):
        super().clean()
        days = self.working_days or []
        if not isinstance(days, list) or any(d not in range(1, 8) for d in days):
            raise ValidationError({"working_days": _("Give ISO weekdays from 1 (Monday) to 7 (Sunday).")})
        if bool(self.opens_at) != bool(self.closes_at):
            raise ValidationError({"closes_at": _("Give both the opening and the closing time, or neither.")})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or "UTC")

    @property
    def request_language_names(self) -> list[str]:
        return [language_name(code) for code in self.request_languages]

    def is_open_at(self, moment: datetime.datetime) -> bool | None:
        """Whether the office is open at `moment` (aware); None when its hours are not recorded."""
        if not (self.opens_at and self.closes_at and self.working_days):
            return None
        local = moment.astimezone(self.tz)
        return local.isoweekday() in self.working_days and self.opens_at <= local.time() < self.closes_at


class Contact(
    WorkflowMixin, DraftStateMixin, RevisionMixin, Restricted, Example, DueForVerification, ClusterableModel
):
    """A person or a desk of an authority, with the roles it plays in cooperation.

    A focal point's change is a draft until the Secretariat approves it (core.moderation): the published
    version is what everyone else reads meanwhile."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("person or desk"), max_length=200)
    is_desk = models.BooleanField(_("a desk, not a person"), default=False)
    title = models.CharField(_("title or position"), max_length=300, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=12,
        default="en",
        help_text=_("BCP 47 code: the language of verification e-mails."),
    )
    roles = ParentalManyToManyField(RoleType, verbose_name=_("roles"), blank=True, related_name="contacts")
    languages_spoken = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=_('e.g. ["es", "en"]'),
    )
    available_247 = models.BooleanField(_("available 24/7"), default=False)
    secure_channel = models.TextField(
        _("secure channel notes"),
        blank=True,
        help_text=_("E.g. how to reach the contact through a secure network."),
    )
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    last_verified_by = models.CharField(_("verified by"), max_length=200, blank=True)
    verification_method = models.CharField(
        _("verified how"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    next_due = models.DateField(_("next verification due"), null=True, blank=True, db_index=True)

    policy_state_field = "authority__state"

    base_form_class = DirectoryAdminForm
    panels = [
        FieldPanel("authority"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_desk")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("language")]),
        FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
        InlinePanel("phones", heading=_("Phones"), label=_("Phone")),
        InlinePanel("emails", heading=_("E-mail addresses"), label=_("E-mail")),
        FieldRowPanel([FieldPanel("languages_spoken"), FieldPanel("available_247")]),
        FieldPanel("secure_channel"),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_example")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("last_verified_at"),
                        FieldPanel("last_verified_by"),
                        FieldPanel("verification_method"),
                    ]
                ),
                FieldPanel("next_due"),
            ],
            heading=_("Verification"),
        ),
    ]

    class Meta:
        ordering = ["authority__state__code", "authority__name", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name} – {self.authority.name}"

    def get_absolute_url(self) -> str:
        return reverse("directory:contact", args=[self.pk])

    @property
    def state(self) -> State:
        return self.authority.state

    @property
    def role_codes(self) -> list[str]:
        return [r.code for r in self.roles.all()]

    @property
    def role_labels(self) -> list[str]:
        return [str(r) for r in self.roles.all()]

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages_spoken]


class ContactPhone(Orderable):
    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="phones")
    kind = models.CharField(_("kind"), max_length=10, choices=PhoneKind.choices, default=PhoneKind.OFFICE)
    number = models.CharField(_("number (E.164)"), max_length=20, help_text=_("E.g. +57 601 555 0100."))

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("number")])]

    class Meta(Orderable.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number

    def clean(self):
        super().clean()
        region = None
        try:
            region = self.contact.authority.state.code
        except (Contact.DoesNotExist, Authority.DoesNotExist, AttributeError):
            region = None
        try:
            self.number = normalise_phone(self.number, region)
        except ValidationError as error:
            raise ValidationError({"number": error}) from error

    @property
    def display(self) -> str:
        parsed = phonenumbers.parse(self.number, None)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class ContactEmail(Orderable):
    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(_("address"))
    bounced_at = models.DateTimeField(
        _("bounced"), null=True, blank=True, help_text=_("When mail to this address last failed.")
    )

    panels = [FieldRowPanel([FieldPanel("address"), FieldPanel("bounced_at")])]

    class Meta(Orderable.Meta):
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")

    def __str__(self) -> str:
        return self.address

    def clean(self):
        super().clean()
        self.address = (self.address or "").strip()
        validate_email(self.address)


class FinderRule(RevisionMixin, Restricted, Example, ClusterableModel):
    """Who answers (state, measure, urgency) in a state: data the state's focal point maintains."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="finder_rules"
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    urgency = models.CharField(
        _("urgency"),
        max_length=12,
        choices=Urgency.choices,
        blank=True,
        help_text=_("Leave empty for any urgency."),
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("competent authority"),
        on_delete=models.CASCADE,
        related_name="finder_rules",
    )
    roles = ParentalManyToManyField(
        RoleType,
        verbose_name=_("contact roles to show"),
        blank=True,
        help_text=_("Leave empty to show all the authority's contacts."),
    )
    channel = models.CharField(
        _("channel"), max_length=300, blank=True, help_text=_("E.g. 24/7 network by phone, then e-mail.")
    )
    domestic_citation = models.CharField(
        _("domestic legal basis"),
        max_length=300,
        blank=True,
        help_text=_("The national provision, as cited."),
    )
    notes = models.TextField(_("notes"), blank=True)

    policy_state_field = "state"

    base_form_class = DirectoryAdminForm
    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("measure"), FieldPanel("urgency")]),
        FieldPanel("authority"),
        FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("channel"),
        FieldPanel("domestic_citation"),
        FieldPanel("notes"),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_example")]),
    ]

    class Meta:
        ordering = ["state__code", "measure", "urgency"]
        verbose_name = _("finder rule")
        verbose_name_plural = _("finder rules")
        constraints = [
            models.UniqueConstraint(fields=["state", "measure", "urgency"], name="unique_finder_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code}: {self.get_measure_display()} ({self.get_urgency_display() or '*'})"

    def clean(self):
        super().clean()
        if self.authority_id and self.state_id and self.authority.state_id != self.state_id:
            raise ValidationError({"authority": _("The authority must belong to the rule's state.")})


@register_setting(icon="tick")
class DirectorySettings(BaseGenericSetting):
    """How often contacts are verified, chosen by the Secretariat."""

    verification_period_months = models.PositiveSmallIntegerField(
        _("verification period (months)"), default=12
    )
    link_valid_days = models.PositiveSmallIntegerField(_("verification link valid for (days)"), default=21)
    reminder_interval_days = models.PositiveSmallIntegerField(_("remind after (days)"), default=7)
    max_reminders = models.PositiveSmallIntegerField(_("reminders at most"), default=2)

    class Meta:
        verbose_name = _("directory settings")


class VerificationCampaign(models.Model):
    """A round of verification e-mails for a state, a role or everything."""

    state = models.ForeignKey(State, verbose_name=_("state"), null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=30, choices=ContactRole.choices, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    started_by = models.ForeignKey(
        "accounts.User", verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("verification campaign")
        verbose_name_plural = _("verification campaigns")

    def __str__(self) -> str:
        scope = self.state.code if self.state else (self.get_role_display() or _("all contacts"))
        return f"{scope} – {self.started_at:%Y-%m-%d}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the contact")
    CONFIRMED = "confirmed", _("Confirmed")
    CORRECTED = "corrected", _("Correction submitted")
    BOUNCED = "bounced", _("E-mail bounced")


class VerificationRequest(models.Model):
    """One contact's link in a campaign. Only a hash of the token is stored; the link works once."""

    campaign = models.ForeignKey(VerificationCampaign, on_delete=models.CASCADE, related_name="requests")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="verification_requests")
    sent_to = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")

    def __str__(self) -> str:
        return f"{self.contact_id} → {self.sent_to} ({self.status})"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ContactCorrection(models.Model):
    """A correction a contact sent through a verification link: a draft until an editor accepts it."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="corrections")
    request = models.ForeignKey(VerificationRequest, null=True, blank=True, on_delete=models.SET_NULL)
    proposed = models.JSONField(_("proposed entry"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    policy_state_field = "contact__authority__state"

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.contact_id} ({self.status}, {self.submitted_at:%Y-%m-%d})"
