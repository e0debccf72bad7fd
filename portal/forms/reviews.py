"""The coordinator's review of what was handed in. The comment's rules (required to request
changes, optional to approve, its length) are the service's: its refusals land beside the
field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from deliverables.services import MAX_COMMENT_LENGTH


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"),
        required=False,
        strip=False,
        help_text=_("The lead organisation's contacts receive it by e-mail and on My work."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_COMMENT_LENGTH}),
    )


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("A word for the lead (optional)"),
        required=False,
        strip=False,
        help_text=_("Kept in the deliverable's review history, where its partners read it."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT_LENGTH}),
    )
