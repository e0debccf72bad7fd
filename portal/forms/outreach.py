from django import forms
from django.utils.translation import gettext_lazy as _

from outreach.models import DisseminationEntry, Result, language_choices


class PartnerChoiceMixin:
    """The partner list offers only the organisations the reader may write for."""

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None


class DisseminationForm(PartnerChoiceMixin, forms.ModelForm):
    class Meta:
        model = DisseminationEntry
        fields = ["organisation", "title", "date", "place", "channel", "audience", "link", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class ResultForm(PartnerChoiceMixin, forms.ModelForm):
    languages = forms.TypedMultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Result
        fields = [
            "organisation", "title", "description", "languages", "licence", "link", "deliverable",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, deliverables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].queryset = deliverables

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
