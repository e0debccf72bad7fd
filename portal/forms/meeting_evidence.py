"""The forms of a meeting's evidence: the signed sheet's scan, opening the online sign-in,
and the public sign-in itself. The services and the model check again what they check."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.uploads import check_upload
from meetings.models import Guest
from meetings.signed_sheets import SCAN_EXTENSIONS

from .meetings import limit_guest_names


class SignedSheetForm(forms.Form):
    file = forms.FileField(
        label=_("Scan of the signed sheet"),
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in SCAN_EXTENSIONS)}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, allowed=SCAN_EXTENSIONS, limit=settings.SIGNED_SHEET_MAX_BYTES)
        return upload


class OpenSignInForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the sign-in page"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class EventSignInForm(forms.ModelForm):
    """What a person gives to sign in: no more than the sheet on paper asks, and an e-mail
    only if they agree to be contacted."""

    consent = forms.BooleanField(
        label=_(
            "I agree that my name, organisation and country are kept by the project as evidence "
            "that I took part, for the Erasmus+ grant."
        ),
        required=True,
        error_messages={
            "required": _(
                "Tick the box to agree that your name, organisation and country are kept as "
                "evidence of your attendance; without it, sign the sheet on paper instead."
            )
        },
    )

    class Meta:
        model = Guest
        fields = ["name", "organisation_name", "country", "type", "email", "email_consent"]
        labels = {
            "name": _("Your name"),
            "organisation_name": _("Your organisation"),
            "country": _("Country of your organisation"),
            "type": _("You take part as"),
            "email": _("E-mail (optional)"),
            "email_consent": _("I agree to be contacted by e-mail about the project"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True  # blank only once erased
        limit_guest_names(self)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
