"""Users: every account belongs to one state or organisation and, once vetted, has one role."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role
from cyberportal.states.models import Organisation, State


class User(AbstractUser):
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("Empty until the account is vetted; an account without a role sees only public pages."),
    )
    state = models.ForeignKey(
        State, verbose_name=_("state"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if self.role and not (self.state_id or self.organisation_id):
            raise ValidationError({"state": _("A vetted user belongs to a state or an organisation.")})
        if self.role == Role.FOCAL_POINT and not self.state_id:
            raise ValidationError({"state": _("A focal point keeps one state's data: choose the state.")})

    @property
    def affiliation(self) -> str:
        return str(self.state or self.organisation or "")
