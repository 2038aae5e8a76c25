"""The request assistant's forms: the choice (state, measure, legal basis) and the request itself."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cyberportal.core.collation import sorted_by_name
from cyberportal.directory.models import Urgency
from cyberportal.states.models import State

from . import assistant
from .models import Measure

KEEP_DAYS = [1, 3, 7, 14, 30]


class ChoiceForm(forms.Form):
    """Step one (GET): whom to ask, for what, on which basis. The basis list depends on the first two."""

    state = forms.ChoiceField(label=_("Requested state"))
    measure = forms.ChoiceField(label=_("Measure"), choices=[("", "—"), *Measure.choices])
    basis = forms.ChoiceField(label=_("Legal basis"), required=False)

    def __init__(self, *args, bases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—")] + [
            (s.code, s.name) for s in sorted_by_name(State.objects.all())
        ]
        self.fields["basis"].choices = [("", "—")] + [(b.key, b.label) for b in bases]


LABELS = {
    "requesting_authority": _("Requesting authority (name and address)"),
    "officer": _("Officer in charge (name, telephone, e-mail)"),
    "reference": _("Your case reference"),
    "urgency": _("Urgency"),
    "offence": _("Offence under investigation and the applicable law"),
    "facts": _("Summary of the facts"),
    "emergency": _("The emergency: the risk to a person's life or safety"),
    "data_sought": _("Data sought (accounts, identifiers, IP addresses with time and time zone, period)"),
    "relationship": _("Relationship between the data and the offence"),
    "custodian": _("Who holds the data, or where the system is (service provider, country)"),
    "necessity": _("Why it is necessary and urgent (risk that the data is lost, deadlines)"),
    "follow_up": _("Request for mutual assistance to follow (when it will be sent)"),
    "procedures": _("Confidentiality and special procedures"),
}
SHORT_FIELDS = {"reference"}


class RequestForm(forms.Form):
    """Step two (POST): what only the author knows. Which fields show depends on the kind of request."""

    urgency = forms.ChoiceField(label=LABELS["urgency"], choices=Urgency.choices, initial=Urgency.URGENT)
    keep_days = forms.TypedChoiceField(
        label=_("Keep the saved draft for"),
        coerce=int,
        choices=[(n, str(n)) for n in KEEP_DAYS],
        initial=settings.REQUEST_DRAFTS_DEFAULT_DAYS,
        help_text=_("Then it is erased. Downloading a document saves nothing."),
    )

    def __init__(self, *args, kind: str, requirements: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["keep_days"].choices = [
            (n, ngettext("%(days)s day", "%(days)s days", n) % {"days": n}) for n in KEEP_DAYS
        ]
        required = assistant.required_for(kind)
        for name in assistant.fields_for(kind):
            if name == "urgency":
                continue
            widget = forms.TextInput() if name in SHORT_FIELDS else forms.Textarea(attrs={"rows": 3})
            self.fields[name] = forms.CharField(
                label=LABELS[name], required=name in required, max_length=5000, widget=widget
            )
        ordered = [n for n in assistant.fields_for(kind) if n in self.fields] + ["keep_days"]
        self.order_fields(ordered)
        for name, field in self.fields.items():
            field.requirements = requirements.get(name, [])
            if field.required:
                field.error_messages["required"] = _("%(field)s: this field is required.") % {
                    "field": field.label
                }

    def request_data(self) -> dict:
        return {n: self.cleaned_data.get(n, "") for n in assistant.fields_for(self.kind)}
