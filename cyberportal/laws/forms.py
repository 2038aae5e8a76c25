"""Forms of the legislation pages: search filters, the import upload and its confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.collation import NameOrderedModelChoiceField
from cyberportal.core.uploads import UploadRefused, check_size
from cyberportal.core.widgets import PlainSelect
from cyberportal.states.models import Article, ArticleCategory, State

from .models import LawStatus, LawType, MappingExtent


class StateChoiceField(NameOrderedModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class ArticleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)  # instrument and title in the reader's language


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    # The long lists are written without a template per option (see core.widgets).
    state = StateChoiceField(
        label=_("State"),
        queryset=State.objects.all(),
        required=False,
        to_field_name="code",
        widget=PlainSelect,
    )
    article = ArticleChoiceField(
        label=_("Framework article"),
        queryset=Article.objects.select_related("instrument").order_by("instrument__order", "sort_order"),
        required=False,
        widget=PlainSelect,
    )
    category = forms.ChoiceField(
        label=_("Article category"), choices=[("", _("Any"))] + list(ArticleCategory.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Law status"), choices=[("", _("Any"))] + list(LawStatus.choices), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1800, max_value=2100, required=False)


MAX_COMPARED = 6


class ProvisionIdsField(forms.Field):
    """Provision ids from repeated `p=` parameters. A value that is not an id a database can hold is left
    out rather than failing the page, so a shared link with one mangled id still shows the others."""

    widget = forms.MultipleHiddenInput
    # The largest id a BigAutoField holds: a larger number overflows the database's integer type.
    one_id = forms.IntegerField(min_value=1, max_value=2**63 - 1)

    def to_python(self, value):
        ids = []
        for item in (value or [])[:MAX_COMPARED]:
            try:
                ids.append(self.one_id.clean(item))
            except forms.ValidationError:
                continue
        return ids


class CompareForm(forms.Form):
    p = ProvisionIdsField(required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Law file"),
        help_text=_(
            "Plain text (.txt), Markdown (.md), Word (.docx), PDF with a text layer, a gazette's HTML page, or Akoma Ntoso XML."
        ),
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

    # The identity the parser found, which the editor corrects before saving (issue 13, item 5).
    title = forms.CharField(label=_("Title"), max_length=500)
    law_type = forms.ChoiceField(label=_("Type"), choices=LawType.choices)
    number = forms.CharField(label=_("Number"), max_length=40, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1800, max_value=2100)
    enacted = forms.DateField(
        label=_("Enacted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    in_force = forms.DateField(
        label=_("In force since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source_url = forms.URLField(
        label=_("Official source"), max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args, suggestions=(), user=None, parsed=None, needs_confirmation=False, **kwargs):
        if parsed is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": parsed.title,
                    "law_type": parsed.law_type,
                    "number": parsed.number,
                    "year": parsed.year,
                    "source_url": parsed.source_url,
                    **parsed.dates,
                },
            )
        super().__init__(*args, **kwargs)
        if needs_confirmation:
            self.fields["confirm"] = forms.BooleanField(
                label=_("I have checked the structure and want to save it although its confidence is low"),
                required=True,
            )
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

    def identity(self) -> dict:
        """The corrected identity, for ParsedLaw.corrected()."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "law_type": data["law_type"],
            "number": data["number"],
            "year": data["year"],
            "source_url": data["source_url"],
            "dates": {key: data[key] for key in ("enacted", "published", "in_force")},
        }

    def identity_fields(self):
        names = ("title", "law_type", "number", "year", "enacted", "published", "in_force", "source_url")
        return [self[name] for name in names]

    def rows(self):
        return [(s, self[f"map_{i}"]) for i, s in enumerate(self.suggestions)]

    def chosen_mappings(self) -> list[tuple[int, int, str]]:
        chosen = []
        for i, suggestion in enumerate(self.suggestions):
            extent = self.cleaned_data.get(f"map_{i}")
            if extent:
                chosen.append((suggestion.index, suggestion.article.pk, extent))
        return chosen
