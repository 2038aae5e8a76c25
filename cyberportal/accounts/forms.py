"""Forms for registration, vetting, profile and invitations. Rules live in services.py."""

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cyberportal.core.collation import NameOrderedModelChoiceField
from cyberportal.core.roles import Role
from cyberportal.core.timezones import TimeZoneChoiceField
from cyberportal.states.models import Organisation, State

from .models import Invitation, User


def _affiliation_error(state, organisation):
    if bool(state) == bool(organisation):
        return _("Choose either your state or your organisation (one of the two).")
    return None


class RegistrationForm(SignupForm):
    """allauth's sign-up (user name, official e-mail, password) plus who the applicant is."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    state = NameOrderedModelChoiceField(
        label=_("State"),
        queryset=State.objects.all(),
        required=False,
        help_text=_("The member state whose institution you work for. Its focal point vets your request."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Or the organisation you work for (the Technical Secretariat vets these requests)."),
    )
    institution = forms.CharField(label=_("Institution"), max_length=300)
    position = forms.CharField(label=_("Position"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Official e-mail")
        self.fields["email"].help_text = _(
            "Your address at your institution; we send a confirmation link to it."
        )
        self.fields["username"].help_text = _(
            "If this name is taken you get a close variant; the confirmation e-mail tells you which."
        )

    def clean_username(self):
        """A taken user name is not an error, or sign-up would tell anyone which names exist.

        allauth already hides a taken e-mail address (ACCOUNT_PREVENT_ENUMERATION); for the user name the
        applicant gets the closest free variant instead, and the confirmation e-mail, which only the
        address's owner reads, tells them the name they sign in with (or they sign in with the e-mail).
        """
        from allauth.account.adapter import get_adapter

        adapter = get_adapter()
        value = adapter.clean_username(self.cleaned_data["username"], shallow=True)  # format, reserved names
        try:
            adapter.clean_username(value)  # the shallow checks passed: only "taken" is left to fail
        except forms.ValidationError:
            value = adapter.generate_unique_username([value])
        return value

    def clean(self):
        cleaned = super().clean()
        error = _affiliation_error(cleaned.get("state"), cleaned.get("organisation"))
        if error:
            self.add_error("state", error)
        return cleaned

    def save(self, request):
        from .services import registration_submit

        user = super().save(request)
        registration_submit(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            state=self.cleaned_data.get("state"),
            organisation=self.cleaned_data.get("organisation"),
            institution=self.cleaned_data["institution"],
            position=self.cleaned_data["position"],
            invitation_token=request.session.get("invitation_token", ""),
        )
        request.session.pop("invitation_token", None)
        return user


class ApproveForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EXPERT)

    def __init__(self, *args, allowed_roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed_roles is not None:
            self.fields["role"].choices = [c for c in Role.choices if c[0] in allowed_roles]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the applicant."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProfileForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )

    time_zone = TimeZoneChoiceField(
        label=_("Time zone"),
        required=False,
        blank_label="—",
        help_text=_("Hours in the finder and the directory are shown in this time zone."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "institution", "position", "preferred_language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].set_current(self.initial.get("time_zone") or "")


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "state", "organisation"]

    def __init__(self, *args, allowed_roles=None, states=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed_roles is not None:
            self.fields["role"].choices = [c for c in Role.choices if c[0] in allowed_roles]
        if states is not None:
            self.fields["state"].queryset = states
            self.fields["organisation"].queryset = Organisation.objects.none()

    def clean(self):
        cleaned = super().clean()
        error = _affiliation_error(cleaned.get("state"), cleaned.get("organisation"))
        if error:
            self.add_error("state", error)
        return cleaned


class PortalSignInOnlyForm(forms.Form):
    """Wagtail's admin sign-in form, through its documented WAGTAILADMIN_USER_LOGIN_FORM setting: it
    never authenticates. Editors sign in through the portal (allauth), which asks for the second factor
    and counts failures per account; a password posted here is not even checked, so this page can
    neither skip the second factor nor serve as a password oracle outside the sign-in throttle."""

    username = forms.CharField(label=_("User name"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, required=False)

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        raise forms.ValidationError(
            _("Editors sign in through the portal's sign-in page, which asks for the second factor."),
            code="portal_sign_in_only",
        )

    def get_user(self):  # Django's LoginView calls it only after a valid form, which never happens
        return None
