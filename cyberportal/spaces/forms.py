"""Forms for expert spaces. They only parse input; rules (who may post, labels, uploads) are in services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.pickers import LanguageChoiceField

from .models import TLP, DocumentCategory, Frequency, MemberRole


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


TLP_HELP = _(
    "CLEAR: public. GREEN: every vetted expert. AMBER: this space's members. "
    "AMBER+STRICT: members of your own state or organisation. RED: only the people you name."
)


class RecipientsField(forms.CharField):
    """User names separated by commas or spaces; every name must be someone who may receive the item.

    A name that does not exist and one that may not receive it (inactive, not vetted) get the same
    message, so the field cannot be used to find out which user names exist.
    """

    def clean(self, value):
        value = super().clean(value)
        names = [n.strip().lstrip("@") for n in value.replace(",", " ").split() if n.strip()]
        candidates = get_user_model().objects.filter(username__in=names, is_active=True)
        users = [user for user in candidates if policy.is_vetted(user)]
        refused = sorted(set(names) - {u.username for u in users})
        if refused:
            raise forms.ValidationError(
                _("These names cannot receive this item: %(names)s. Check the spelling with the person.")
                % {"names": ", ".join(refused)}
            )
        return users


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mention someone with @username to notify them."),
    )
    tlp = forms.ChoiceField(label=_("TLP label"), choices=TLP.choices, initial=TLP.AMBER, help_text=TLP_HELP)
    recipients = RecipientsField(
        label=_("Named recipients (TLP:RED only)"),
        required=False,
        help_text=_("User names, separated by commas."),
    )
    files = MultipleFileField(label=_("Attachments"), required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("Attachments"), required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    category = forms.ChoiceField(label=_("Category"), choices=DocumentCategory.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    language = LanguageChoiceField(label=_("Language of the document"), required=False)
    tlp = forms.ChoiceField(label=_("TLP label"), choices=TLP.choices, initial=TLP.AMBER, help_text=TLP_HELP)
    recipients = RecipientsField(label=_("Named recipients (TLP:RED only)"), required=False)
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class LabelForm(forms.Form):
    tlp = forms.ChoiceField(label=_("Change the label"), choices=TLP.choices)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)


class MemberRoleForm(forms.Form):
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(label=_("Role in the space"), choices=MemberRole.choices)


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mail notifications"), choices=Frequency.choices, widget=forms.RadioSelect
    )
