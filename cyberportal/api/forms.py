"""The form that issues an API token (the tokens page); the rules are in services.token_create."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import TokenKind, TokenScope
from .services import DEFAULT_DAYS, MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “nightly sync”."))
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=_("At most a year."),
    )


class SystemTokenForm(TokenForm):
    """The Secretariat's form: a system token for a vetted account standing for another system."""

    username = forms.CharField(label=_("Account the token acts as"), max_length=150)
    system = forms.CharField(label=_("Organisation or system"), max_length=200)
    requests_per_minute = forms.IntegerField(
        label=_("Requests per minute"), min_value=1, max_value=6000, initial=60
    )

    def clean_username(self):
        value = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=value).first()
        if user is None:
            raise forms.ValidationError(_("There is no account “%(value)s”.") % {"value": value})
        return user


KIND_FORMS = {TokenKind.PERSONAL: TokenForm, TokenKind.SYSTEM: SystemTokenForm}
