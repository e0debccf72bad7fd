"""The pages' forms. Each checks what the services check, so errors land beside their field;
the services check again, as they do for the API."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deliverables.links import LINK_RULE, validate_submission_link
from deliverables.uploads import ALLOWED_EXTENSIONS, check_upload
from newsletters.models import NewsletterIssue
from projects.models import Objective

MAX_LINK_LENGTH = 500


class DayInput(forms.DateInput):
    """The browser's date picker. Its value is ISO in every language: a French "15/10/2018"
    would leave it empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SubmissionForm(forms.Form):
    link = forms.CharField(
        label=_("Link to the deliverable"),
        required=False,
        max_length=MAX_LINK_LENGTH,
        help_text=LINK_RULE,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("PDF, office document or image."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)}
        ),
    )
    note = forms.CharField(
        label=_("Note for the coordinator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_link(self):
        link = self.cleaned_data["link"].strip()
        if link:
            validate_submission_link(link)
        return link

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if bool(cleaned.get("link")) == bool(cleaned.get("file")):
            raise ValidationError(_("Give either a link or a file, not both and not neither."))
        return cleaned


class ObjectiveStatusForm(forms.Form):
    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == self.current:
            # Nothing would be recorded, and the comment with it.
            raise ValidationError(_("The objective already has this status; choose another one."))
        return status

    status = forms.ChoiceField(label=_("New status"), choices=Objective.Status.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        help_text=_("Why, for the history: e.g. the meeting that reviewed it."),
    )


class NewsletterPeriodForm(forms.Form):
    first = forms.DateField(label=_("From"), widget=DayInput())
    last = forms.DateField(label=_("To"), widget=DayInput())
    language = forms.ChoiceField(label=_("Language"), choices=NewsletterIssue.Language.choices)
    confirm = forms.BooleanField(
        label=_("Draft again even if approved"),
        required=False,
        help_text=_("The editor's version is kept; the issue will need approving again."),
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The period must end on or after its first day."))
        return cleaned


class NewsletterEditForm(forms.Form):
    edited_content = forms.CharField(
        label=_("Your version (Markdown)"),
        required=False,
        help_text=_(
            "Empty it to send the generated text as it is. Saving a change needs a new approval."
        ),
        widget=forms.Textarea(attrs={"rows": 18}),
    )
