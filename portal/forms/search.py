"""The search box's question: words, and optionally one group of results to list whole."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.text import fold

from ..search import MAX_LENGTH

GROUP_TITLES = {
    "projects": _("Projects"),
    "deliverables": _("Deliverables"),
    "meetings": _("Meetings"),
    "organisations": _("Organisations"),
    "people": _("People"),
}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_LENGTH,
        help_text=_("A name, a code, a city, a reference number: accents and case do not matter."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    group = forms.ChoiceField(
        choices=list(GROUP_TITLES.items()), required=False, widget=forms.HiddenInput
    )

    def clean_q(self) -> str:
        typed = self.cleaned_data["q"]
        # Only accents or spaces: no word to look for, rather than every row.
        return typed if fold(typed).split() else ""
