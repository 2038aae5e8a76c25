"""The provider admin form: languages and countries picked by name (never codes or JSON typed by hand)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cyberportal.core.admin_forms import PickerAdminForm
from cyberportal.core.collation import collation_key
from cyberportal.states.models import reader_language, territory_name


def _territories(language: str | None = None) -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(language or reader_language()).territories
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


def country_name(code: str) -> str:
    return territory_name(code)


def validate_countries(value) -> None:
    known = _territories("en")
    if not isinstance(value, list) or not all(isinstance(v, str) and v in known for v in value):
        raise ValidationError(_('Give a list of ISO 3166 country codes, e.g. ["US", "IE"].'))


class CountriesField(forms.MultipleChoiceField):
    """Several countries, by name in the reader's language, saved as ISO 3166 alpha-2 codes."""

    widget = forms.SelectMultiple(attrs={"size": 10})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        names = _territories()
        self.choices = sorted(names.items(), key=lambda item: collation_key(item[1]))

    def prepare_value(self, value):
        return list(value or [])


class ProviderAdminForm(PickerAdminForm):
    pickers = {"languages": "languages"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields.get("data_locations")
        if old is not None:
            self.fields["data_locations"] = CountriesField(label=old.label, required=False)
