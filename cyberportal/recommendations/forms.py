"""Forms: the importer's upload, its preview corrections, and implementation reports."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cyberportal.core.uploads import UploadRefused, check_size

from .models import BodyKind, ImplementationReport

LANGUAGE_CHOICES = [("en", _("English")), ("es", _("Spanish")), ("pt", _("Portuguese")), ("fr", _("French"))]


class ImportForm(forms.Form):
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("A .txt, .md, .docx, .html or .pdf file (with a text layer)."),
    )
    text = forms.CharField(
        label=_("Or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            try:
                check_size(upload.name, upload.size)  # the limit every importer shares
            except UploadRefused as error:
                raise forms.ValidationError(str(error)) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("document") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste the document's text: both are empty."))
        return cleaned


class MeetingPreviewForm(forms.Form):
    """The meeting's header as the importer understood it; the editor corrects it before confirming."""

    body = forms.ChoiceField(label=_("Body"), choices=[("", "—"), *BodyKind.choices])
    number = forms.CharField(label=_("Meeting number"), max_length=10)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    start_date = forms.DateField(
        label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    symbol = forms.CharField(label=_("Document symbol"), max_length=100, required=False)
    original_language = forms.ChoiceField(label=_("Original language"), choices=LANGUAGE_CHOICES)

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day is before the first day."))
        return cleaned


class ReportForm(forms.ModelForm):
    class Meta:
        model = ImplementationReport
        fields = ["status", "as_of", "narrative", "evidence_links"]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}),
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "evidence_links": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_evidence_links(self):
        value = self.cleaned_data["evidence_links"]
        validator = forms.URLField(assume_scheme="https")
        for number, line in enumerate(value.splitlines(), start=1):
            if line.strip():
                try:
                    validator.clean(line.strip())
                except forms.ValidationError as error:
                    raise forms.ValidationError(
                        _("Line %(line)s: “%(value)s” is not a web address.")
                        % {"line": number, "value": line.strip()}
                    ) from error
        return value
