"""Forms of update campaigns: the Secretariat's new campaign, a focal point's answer."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cyberportal.core.campaigns import campaign_subjects
from cyberportal.core.collation import NameOrderedModelMultipleChoiceField
from cyberportal.states.models import State

from .models import Answer


class CampaignForm(forms.Form):
    subject = forms.ChoiceField(label=_("Subject"))
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("For statistics returns: the year whose return is asked for."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    message = forms.CharField(
        label=_("Message to the focal points"), required=False, max_length=4000, widget=forms.Textarea
    )
    message_language = forms.ChoiceField(
        label=_("Language of the message"),
        choices=settings.LANGUAGES,
        help_text=_("The message is shown to every focal point as written, marked with its language."),
    )
    states = NameOrderedModelMultipleChoiceField(
        label=_("States"),
        queryset=State.objects.all(),
        required=False,
        help_text=_("Leave empty to ask every participating state."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [(s.key, s.label) for s in campaign_subjects()]
        self.fields["message_language"].initial = (get_language() or "en").split("-")[0]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Answer.UP_TO_DATE, _("Our data is up to date as of the date below")),
            (Answer.CHANGES, _("We submitted changes")),
        ],
        widget=forms.RadioSelect,
    )
    as_of = forms.DateField(
        label=_("Up to date as of"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea)
