"""The search box's question: words, and optionally one group of results to list whole."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.text import MAX_WORDS, search_words

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
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    group = forms.ChoiceField(
        choices=list(GROUP_TITLES.items()), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = gettext(
            "A name, a code, a city, a reference number: accents and case do not matter; "
            "the first %(count)d words are looked for."
        ) % {"count": MAX_WORDS}

    def clean_q(self) -> str:
        typed = self.cleaned_data["q"]
        # Only accents or spaces: no word to look for, rather than every row.
        return typed if search_words(typed) else ""
