"""The audit page's filters, read through a form so a malformed address shows a message, not an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditAction


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", "")] + list(AuditAction.choices), required=False
    )
    actor = forms.CharField(label=_("Who (user name contains)"), max_length=150, required=False)
    object_type = forms.CharField(label=_("Object type"), max_length=100, required=False)
    date_from = forms.DateField(label=_("From (date)"), required=False)
    date_to = forms.DateField(label=_("To (date)"), required=False)

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (and named by `ignored`), as on the other lists."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or (None if name.startswith("date") else "")
            for name in self.fields
        }

    def ignored(self) -> list[str]:
        return [
            _("%(field)s: “%(value)s” is not valid; it was ignored.")
            % {"field": self.fields[name].label, "value": str(self.data.get(name, ""))[:50]}
            for name in self.errors
        ]
