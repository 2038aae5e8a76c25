"""Form fields for officials, not engineers: languages and time zones picked by name, lists as
multi-selects, weekdays by name; never a BCP 47 code typed by hand, a JSON list or a "---------".

Names come from CLDR (Babel) in the reader's language and sort in its alphabetical order; the
interface's four languages come first. A value saved before that the short lists lack stays offered,
so opening a form never drops it. `PickerFieldsMixin` swaps a model form's fields for these by name.
"""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst

from .collation import collation_key
from .timezones import TimeZoneChoiceField, grouped_choices, is_valid_zone

# The interface's languages, then the official and widely used languages of the Americas, then the
# languages requests between networks are most often written in.
FIRST_LANGUAGES = ["es", "en", "pt", "fr"]
OTHER_LANGUAGES = [
    "nl",  # Suriname, the Dutch Caribbean
    "ht",  # Haiti
    "gn",  # Paraguay
    "qu",  # Bolivia, Peru, Ecuador
    "ay",  # Bolivia, Peru
    "srn",
    "pap",
    "de",
    "it",
    "ru",
    "uk",
    "pl",
    "ro",
    "zh",
    "ja",
    "ko",
    "ar",
    "he",
    "tr",
    "hi",
    "vi",
    "id",
]
EMPTY_LABEL = "—"


def language_label(code: str, language: str | None = None) -> str:
    """A language's name in the reader's language, e.g. "guaraní" for gn in Spanish."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        locale = Locale.parse((language or translation.get_language() or "en").split("-")[0])
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    names = locale.languages
    name = names.get(code) or names.get(code.replace("-", "_")) or names.get(code.split("-")[0]) or code
    return name[:1].upper() + name[1:]


def language_choices(extra: list[str] | tuple = ()) -> list[tuple[str, str]]:
    first = [(code, language_label(code)) for code in FIRST_LANGUAGES]
    others = [code for code in OTHER_LANGUAGES + [c for c in extra if c] if code not in FIRST_LANGUAGES]
    rest = sorted({(code, language_label(code)) for code in others}, key=lambda c: collation_key(c[1]))
    return first + rest


def _valid_code(code: str) -> bool:
    return 2 <= len(code) <= 12 and code.replace("-", "").isalnum()


class LanguageChoiceField(forms.ChoiceField):
    """One language, by name."""

    def __init__(self, *, current: str = "", **kwargs):
        super().__init__(**kwargs)
        self.set_current(current)

    def set_current(self, value: str) -> None:
        blank = [] if self.required else [("", EMPTY_LABEL)]
        self.choices = blank + language_choices([value] if value else [])

    def valid_value(self, value) -> bool:
        return _valid_code(str(value))


class LanguagesField(forms.MultipleChoiceField):
    """Several languages, by name, saved as a list of codes (e.g. for a JSON list field)."""

    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, *, current=(), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.set_current(current)

    def set_current(self, values) -> None:
        self.choices = language_choices(list(values or []))

    def valid_value(self, value) -> bool:
        return _valid_code(str(value))

    def prepare_value(self, value):
        return list(value or [])


class TimeZonesField(forms.MultipleChoiceField):
    """Several time zones from the short grouped list, saved as a list of IANA names."""

    widget = forms.SelectMultiple(attrs={"size": 10})

    def __init__(self, *, current=(), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.set_current(current)

    def set_current(self, values) -> None:
        self.choices = grouped_choices(extra=list(values or []))

    def valid_value(self, value) -> bool:
        return is_valid_zone(str(value))


class WeekdaysField(forms.TypedMultipleChoiceField):
    """Working days by name, saved as ISO weekdays (1 = Monday)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            coerce=int, choices=[(day + 1, capfirst(WEEKDAYS[day])) for day in range(7)], **kwargs
        )


KINDS = {
    "language": LanguageChoiceField,
    "languages": LanguagesField,
    "zone": TimeZoneChoiceField,
    "zones": TimeZonesField,
    "weekdays": WeekdaysField,
}


class PickerFieldsMixin:
    """Replace a model form's raw fields by pickers: `pickers = {"field name": "languages", ...}`,
    kinds as in KINDS. Labels and help texts stay the model's, without the "BCP 47 code" hints."""

    pickers: dict[str, str] = {}

    def _install_pickers(self) -> None:
        for name, kind in self.pickers.items():
            old = self.fields.get(name)
            if old is None:
                continue
            current = self.initial.get(name, getattr(self.instance, name, None) if self.instance else None)
            field_class = KINDS[kind]
            kwargs = {"label": old.label, "required": old.required}
            if kind == "zone":
                kwargs["blank_label"] = "" if old.required else EMPTY_LABEL
            new = field_class(**kwargs)
            if kind in {"language", "languages", "zone", "zones"}:
                new.set_current(current or ([] if kind in {"languages", "zones"} else ""))
            self.fields[name] = new

    def _no_dashes(self) -> None:
        """One choice preselected; otherwise an em dash instead of Django's "---------"."""
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                only = list(field.queryset[:2]) if field.required else []
                if len(only) == 1:
                    field.empty_label = None
                    if not self.is_bound and not self.initial.get(name):
                        self.initial[name] = only[0].pk
                elif field.empty_label is not None:
                    field.empty_label = EMPTY_LABEL
            elif isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
                field, forms.MultipleChoiceField
            ):
                choices = list(field.choices)
                if choices and choices[0][0] in ("", None) and str(choices[0][1]).startswith("---"):
                    field.choices = [("", EMPTY_LABEL)] + choices[1:]
