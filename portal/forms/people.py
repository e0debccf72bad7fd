"""The people pages' forms: a contact person, the list's search, and the invited person's
password."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from common.languages import SPOKEN_LANGUAGES
from partners.models import Organisation, Person
from projects.logins import PERSON_FIELDS


class PersonForm(forms.ModelForm):
    """The model's own checks (its constraints, clean()) run in is_valid(), so a taken e-mail
    address is refused beside its field; the service checks again when saving."""

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("E-mail address"),
            "organisation": _("Organisation"),
            "job_title": _("Job title"),
            "preferred_language": _("Language"),
        }
        help_texts = {
            "email": _("Reminders and the invitation to sign in go here."),
            "organisation": _("A new organisation is added with the project's partners."),
            "preferred_language": _(
                "Until one is chosen, the pages follow the person's browser and the e-mails "
                "are in English."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name").only(
            "name", "short_name"
        )
        self.fields["organisation"].label_from_instance = organisation_choice
        self.fields["preferred_language"].choices = [
            ("", _("Not chosen (the browser's language)")),
            *sorted(SPOKEN_LANGUAGES.items(), key=lambda item: item[1]),
        ]


def organisation_choice(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.short_name})"


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or organisation"), required=False, max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.order_by("name").only("name", "short_name"),
        empty_label=_("All organisations"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label_from_instance = organisation_choice


class InvitationPasswordForm(SetPasswordForm):
    """Django's own, checked against the site's password validators."""
