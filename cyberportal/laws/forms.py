"""Forms of the legislation pages: search filters, the import upload and its confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.collation import NameOrderedModelChoiceField
from cyberportal.core.uploads import UploadRefused, check_size
from cyberportal.states.models import Article, ArticleCategory, State

from .models import LawStatus, MappingExtent


class StateChoiceField(NameOrderedModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class ArticleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.instrument.short_name}, Art. {obj.number} – {obj.title}"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    state = StateChoiceField(
        label=_("State"), queryset=State.objects.all(), required=False, to_field_name="code"
    )
    article = ArticleChoiceField(
        label=_("Framework article"),
        queryset=Article.objects.select_related("instrument").order_by("instrument__order", "sort_order"),
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Article category"), choices=[("", _("Any"))] + list(ArticleCategory.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Law status"), choices=[("", _("Any"))] + list(LawStatus.choices), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1800, max_value=2100, required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Law file"),
        help_text=_("Plain text (.txt), Word (.docx), PDF with a text layer, or Akoma Ntoso XML."),
    )
    state = StateChoiceField(label=_("State"), queryset=State.objects.all())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not policy.edits_every_state(user):
            # A focal point imports for their own state only.
            self.fields["state"].queryset = State.objects.filter(pk=policy.state_id_of(user))
            self.fields["state"].initial = policy.state_id_of(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.name, upload.size)  # the limit every importer shares
        except UploadRefused as error:
            raise forms.ValidationError(str(error)) from error
        return upload


MAPPING_CHOICES = [("", _("Do not map")), *MappingExtent.choices]


class ImportConfirmForm(forms.Form):
    """One choice per suggested mapping, and (for the Secretariat) whether to publish at once."""

    def __init__(self, *args, suggestions=(), user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)
        for i, suggestion in enumerate(self.suggestions):
            self.fields[f"map_{i}"] = forms.ChoiceField(
                label=_("Map to %(article)s")
                % {
                    "article": f"{suggestion.article.instrument.short_name}, Art. {suggestion.article.number}"
                },
                choices=MAPPING_CHOICES,
                initial=MappingExtent.FULL,
                required=False,
            )
        if policy.can_publish_imported_laws(user):
            self.fields["publish"] = forms.BooleanField(label=_("Publish at once"), required=False)

    def rows(self):
        return [(s, self[f"map_{i}"]) for i, s in enumerate(self.suggestions)]

    def chosen_mappings(self) -> list[tuple[int, int, str]]:
        chosen = []
        for i, suggestion in enumerate(self.suggestions):
            extent = self.cleaned_data.get(f"map_{i}")
            if extent:
                chosen.append((suggestion.index, suggestion.article.pk, extent))
        return chosen
