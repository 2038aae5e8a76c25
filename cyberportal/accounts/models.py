"""Users: every account belongs to one state or organisation and, once vetted, has one role."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role
from cyberportal.states.models import Organisation, State


class VettingStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("E-mail not yet confirmed")
    PENDING = "pending", _("Waiting for vetting")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


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
    vetting_status = models.CharField(
        _("vetting status"), max_length=12, choices=VettingStatus.choices, blank=True, db_index=True
    )
    vetted_by = models.ForeignKey(
        "self",
        verbose_name=_("vetted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vetted_at = models.DateTimeField(_("vetted on"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    deactivated_at = models.DateTimeField(_("deactivated on"), null=True, blank=True)
    # Raised by "sign out everywhere": every session signed with the previous value stops being valid.
    session_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if self.role and not (self.state_id or self.organisation_id):
            raise ValidationError({"state": _("A vetted user belongs to a state or an organisation.")})
        if self.role == Role.FOCAL_POINT and not self.state_id:
            raise ValidationError({"state": _("A focal point keeps one state's data: choose the state.")})

    def _get_session_auth_hash(self, secret=None):
        # Django invalidates a session when this hash changes; folding in session_version lets
        # "sign out everywhere" end every session without touching the password.
        from django.utils.crypto import salted_hmac

        key_salt = "cyberportal.accounts.User.session_auth_hash"
        value = f"{self.password}:{self.session_version}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def affiliation(self) -> str:
        return str(self.state or self.organisation or "")


class Invitation(models.Model):
    """An invitation sent by the Secretariat or a focal point: the invitee registers already vetted."""

    email = models.EmailField(_("official e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    state = models.ForeignKey(State, verbose_name=_("state"), null=True, blank=True, on_delete=models.PROTECT)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT
    )
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires on"))
    accepted_by = models.OneToOneField(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email
