"""The directory of service providers, for vetted users: how a provider takes law-enforcement requests
(portal, guidelines, emergency channel), which data it holds and for how long, which requests it accepts
on which legal bases, in which languages, where the data sits and whether it tells its users.

The Secretariat keeps it (admin snippets); nothing here is public: the pages are for vetted users only
and never enter the public search or sitemap. Data types and request types are child rows edited inline,
never JSON typed by hand; languages and countries are picked by name.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from cyberportal.core.models import DueForVerification, Example
from cyberportal.directory.models import validate_languages
from cyberportal.states.models import language_name

from .admin_forms import ProviderAdminForm, country_name, validate_countries


class DataType(models.TextChoices):
    SUBSCRIBER = "subscriber", _("Subscriber information")
    ACCESS_LOGS = "access_logs", _("IP and access logs")
    TRAFFIC = "traffic", _("Traffic data (metadata)")
    CONTENT = "content", _("Stored content")
    LOCATION = "location", _("Location data")
    PAYMENT = "payment", _("Payment data")
    DEVICE = "device", _("Device identifiers")


class RequestType(models.TextChoices):
    PRESERVATION = "preservation", _("Preservation")
    EMERGENCY = "emergency", _("Emergency disclosure")
    SUBSCRIBER = "subscriber", _("Subscriber information")
    TRAFFIC = "traffic", _("Traffic data")
    CONTENT = "content", _("Content data")
    REALTIME = "realtime", _("Real-time collection")
    TAKEDOWN = "takedown", _("Content removal")


class UserNotification(models.TextChoices):
    NOTIFIES = "notifies", _("Notifies the user unless legally prohibited")
    ON_REQUEST = "on_request", _("Does not notify if the request asks it not to")
    NEVER = "never", _("Does not notify users")
    UNKNOWN = "unknown", _("Not stated")


def validate_email_or_url(value: str) -> None:
    value = (value or "").strip()
    if not value:
        return
    try:
        (EmailValidator() if "@" in value and "://" not in value else URLValidator())(value)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is neither an e-mail address nor a web address (https://...)."),
            params={"value": value[:100]},
        ) from None


class Provider(Example, DueForVerification, ClusterableModel):
    """One service provider and how it answers law-enforcement requests."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    le_portal_url = models.URLField(_("law-enforcement portal"), blank=True)
    guidelines_url = models.URLField(_("law-enforcement guidelines"), blank=True)
    emergency_channel = models.TextField(
        _("emergency disclosure channel"),
        blank=True,
        help_text=_("How to ask for an emergency disclosure (danger to life or serious injury)."),
    )
    emergency_contact = models.CharField(
        _("emergency contact (e-mail or web address)"),
        max_length=300,
        blank=True,
        validators=[validate_email_or_url],
    )
    languages = models.JSONField(
        _("languages accepted"), default=list, blank=True, validators=[validate_languages]
    )
    data_locations = models.JSONField(
        _("where the data sits"), default=list, blank=True, validators=[validate_countries]
    )
    user_notification = models.CharField(
        _("user notification"),
        max_length=12,
        choices=UserNotification.choices,
        default=UserNotification.UNKNOWN,
    )
    user_notification_note = models.TextField(_("user notification (note)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    as_of = models.DateField(_("as of"), help_text=_("The date on which the entry was last verified."))
    next_due = models.DateField(
        _("next verification due"),
        null=True,
        blank=True,
        help_text=_(
            "Like contacts: left empty, it is the “as of” date plus the directory's verification period."
        ),
    )

    base_form_class = ProviderAdminForm
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("website")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("le_portal_url"), FieldPanel("guidelines_url")]),
                FieldPanel("emergency_channel"),
                FieldPanel("emergency_contact"),
                FieldPanel("languages"),
            ],
            heading=_("How to send a request"),
        ),
        InlinePanel("data_types", heading=_("Data held and retention"), label=_("Data type")),
        InlinePanel("request_types", heading=_("Requests accepted and legal bases"), label=_("Request type")),
        FieldPanel("data_locations"),
        FieldRowPanel([FieldPanel("user_notification"), FieldPanel("user_notification_note")]),
        FieldPanel("notes"),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("next_due"), FieldPanel("is_example")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.next_due and self.as_of and self.next_due < self.as_of:
            raise ValidationError(
                {"next_due": _("The next verification cannot come before the “as of” date.")}
            )

    def save(self, *args, **kwargs):
        if self.as_of and not self.next_due:
            from cyberportal.directory.services import add_months, settings_now

            self.next_due = add_months(self.as_of, settings_now().verification_period_months)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("providers:detail", args=[self.pk])

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages or []]

    @property
    def location_names(self) -> list[str]:
        return [country_name(code) for code in self.data_locations or []]

    @property
    def emergency_contact_is_email(self) -> bool:
        return "@" in self.emergency_contact and "://" not in self.emergency_contact


class ProviderDataType(models.Model):
    provider = ParentalKey(Provider, on_delete=models.CASCADE, related_name="data_types")
    data_type = models.CharField(_("data type"), max_length=20, choices=DataType.choices)
    retention = models.CharField(
        _("retention period"), max_length=200, blank=True, help_text=_("E.g. “90 days after the session”.")
    )

    panels = [FieldRowPanel([FieldPanel("data_type"), FieldPanel("retention")])]

    class Meta:
        ordering = ["provider", "data_type"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "data_type"], name="unique_provider_data_type")
        ]
        verbose_name = _("data type held")
        verbose_name_plural = _("data types held")

    def __str__(self) -> str:
        return self.get_data_type_display()


class ProviderRequestType(models.Model):
    provider = ParentalKey(Provider, on_delete=models.CASCADE, related_name="request_types")
    request_type = models.CharField(_("request type"), max_length=20, choices=RequestType.choices)
    legal_bases = models.CharField(
        _("legal bases accepted"),
        max_length=500,
        blank=True,
        help_text=_("E.g. “MLAT; voluntary disclosure under its own policy; domestic court order”."),
    )

    panels = [FieldRowPanel([FieldPanel("request_type"), FieldPanel("legal_bases")])]

    class Meta:
        ordering = ["provider", "request_type"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "request_type"], name="unique_provider_request_type")
        ]
        verbose_name = _("request type accepted")
        verbose_name_plural = _("request types accepted")

    def __str__(self) -> str:
        return self.get_request_type_display()
