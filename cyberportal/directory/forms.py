"""Forms of the directory: the finder, a contact's correction through its link, a campaign."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cyberportal.core.collation import NameOrderedModelChoiceField, sorted_by_name
from cyberportal.core.pickers import LanguagesField
from cyberportal.core.timezones import TimeZoneChoiceField
from cyberportal.states.models import State

from .models import ContactRole, Measure, PhoneKind, Urgency, normalise_phone


class StateChoiceField(NameOrderedModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _states():
    return State.objects.all()


class FinderForm(forms.Form):
    state = StateChoiceField(label=_("State to ask"), queryset=State.objects.all(), to_field_name="code")
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.URGENT)
    tz = TimeZoneChoiceField(
        label=_("Your time zone"),
        required=False,
        blank_label="—",
        help_text=_("Hours are shown in this time zone."),
        widget=forms.Select(attrs={"data-browser-tz": ""}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = sorted_by_name(State.objects.all())
        self.fields["state"].choices = [("", "—")] + [(s.code, s.name) for s in states]
        chosen = self.data.get("tz", "") if self.is_bound else ""
        self.fields["tz"].set_current(chosen)


class PhoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PhoneKind.choices)
    number = forms.CharField(
        label=_("Number"), max_length=40, help_text=_("International format, e.g. +57 601 555 0100.")
    )

    def __init__(self, *args, region=None, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)

    def clean_number(self):
        return normalise_phone(self.cleaned_data["number"], self.region)


class EmailForm(forms.Form):
    address = forms.EmailField(label=_("E-mail address"))


PhoneFormSet = forms.formset_factory(PhoneForm, extra=1, can_delete=True)
EmailFormSet = forms.formset_factory(EmailForm, extra=1, can_delete=True)


class CorrectionForm(forms.Form):
    name = forms.CharField(label=_("Name (person or desk)"), max_length=200)
    title = forms.CharField(label=_("Title or position"), max_length=300, required=False)
    languages_spoken = LanguagesField(label=_("Languages spoken"), required=False)
    available_247 = forms.BooleanField(label=_("Available 24/7"), required=False)
    secure_channel = forms.CharField(
        label=_("Secure channel notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    comment = forms.CharField(
        label=_("Comment for the editors"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages_spoken"].set_current(self.initial.get("languages_spoken") or [])


def cleaned_rows(formset, key_fields):
    return [
        {k: f.cleaned_data[k] for k in key_fields}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class CampaignForm(forms.Form):
    state = StateChoiceField(
        label=_("State"), queryset=State.objects.all(), to_field_name="code", required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—")] + list(ContactRole.choices), required=False)
    everything = forms.BooleanField(label=_("All contacts"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("state") or cleaned.get("role") or cleaned.get("everything")):
            raise ValidationError(_("Choose a state, a role or all contacts."))
        return cleaned
