"""The forms of a workbook import: the upload, then the confirmation of what the preview showed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workbooks.reading import check_size


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Workbook (.xlsx) or CSV file"),
        help_text=_(
            "A workbook: one sheet per table, in the layout of a project's export. A CSV file: "
            "one table, its first row naming the columns as in the template."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        try:
            check_size(workbook.size)  # the rule the command line follows too
        except ValidationError as refusal:
            raise ValidationError(refusal.messages) from None
        return workbook


class ImportConfirmForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
