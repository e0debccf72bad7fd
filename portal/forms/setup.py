"""The forms with which officers set up a project, its partners and new organisations.

They are ModelForms: the model's own validation (fields, clean(), constraints) decides, and a
constraint's message is shown beside the field it is about.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation, Person
from partners.naming import name_of
from projects.forms import ReminderDaysField
from projects.models import Partnership, Project
from projects.roles import officer_accounts

from . import DayInput
from .languages import OtherLanguagesMixin, with_versions


def constraint_fields(constraint) -> set[str]:
    """The model fields a constraint reads."""
    names = set(getattr(constraint, "fields", ()) or ())
    condition = getattr(constraint, "condition", None)
    if isinstance(condition, Q):
        names |= set(condition.referenced_base_fields)
    for expression in getattr(constraint, "expressions", ()):
        names |= {ref.name for ref in expression.flatten() if isinstance(ref, F)}
    return names


class ErrorsBesideFieldsMixin:
    """Move a constraint's message from the top of the form to the last field it reads."""

    def _post_clean(self):
        super()._post_clean()
        general = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not general:
            return
        placed = {}
        for constraint in self._meta.model._meta.constraints:
            shown = [name for name in self.fields if name in constraint_fields(constraint)]
            if shown:
                placed[str(constraint.violation_error_message)] = shown[-1]
        kept = []
        for message in general:
            if field := placed.get(message):
                self.add_error(field, message)
            else:
                kept.append(message)
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(kept, error_class="nonfield")
        else:
            del self._errors[NON_FIELD_ERRORS]


def show_refusal(form: forms.Form, refusal: ValidationError, beside: str | None = None) -> None:
    """Put a service's refusal beside the fields it names; the rest beside `beside`, or on top."""
    if not hasattr(refusal, "error_dict"):
        form.add_error(beside, refusal.messages)
        return
    for field, messages in refusal.message_dict.items():
        target = field if field in form.fields else beside
        form.add_error(target, messages)


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return name_of(user)


class ProjectForm(OtherLanguagesMixin, ErrorsBesideFieldsMixin, forms.ModelForm):
    officer = OfficerChoiceField(
        label=_("Officer in charge"),
        queryset=officer_accounts().select_related("person"),
        required=False,
    )
    deadline_reminder_days = ReminderDaysField(label=_("Deadline reminders (days before)"))
    meeting_reminder_days = ReminderDaysField(label=_("Meeting reminders (days before)"))

    class Meta:
        model = Project
        fields = with_versions([
            "acronym", "title", "action", "reference_number", "national_agency", "start_date",
            "end_date", "eu_grant", "officer", "deadline_reminder_days", "meeting_reminder_days",
            "interim_report_due", "website", "description",
        ], "title")  # fmt: skip
        labels = {
            "acronym": _("Acronym"),
            "title": _("Title"),
            "action": _("Action"),
            "reference_number": _("Reference number"),
            "national_agency": _("National agency"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "eu_grant": _("EU grant (EUR)"),
            "interim_report_due": _("Interim report due"),
            "website": _("Website"),
            "description": _("Description"),
        }
        help_texts = {
            "reference_number": _("e.g. 2021-1-FR01-KA220-VET-000012345"),
            "national_agency": _("e.g. FR01 – Agence Erasmus+ France"),
        }
        widgets = {
            "start_date": DayInput(),
            "end_date": DayInput(),
            "interim_report_due": DayInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, reference_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # A copy is the next application: it needs a reference number of its own.
        self.fields["reference_number"].required = reference_required


class OrganisationFinderForm(forms.Form):
    q = forms.CharField(
        label=_("Find an organisation"),
        required=False,
        max_length=200,
        help_text=_("Name, short name, city, OID or PIC; accents and capitals do not matter."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class PartnershipForm(ErrorsBesideFieldsMixin, forms.ModelForm):
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contact persons"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partnership
        fields = ["role", "contacts"]
        labels = {"role": _("Role")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation
        self.fields["contacts"].queryset = organisation.people.order_by("last_name", "first_name")
        self.fields["contacts"].label_from_instance = lambda person: (
            f"{person.full_name} <{person.email}>" if person.email else person.full_name
        )


class OrganisationForm(ErrorsBesideFieldsMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name", "short_name", "country", "city", "type", "oid", "pic", "website",
            "is_network_member",
        ]  # fmt: skip
        labels = {
            "name": _("Name in its own language"),
            "short_name": _("Short name"),
            "country": _("Country"),
            "city": _("City"),
            "type": _("Type"),
            "oid": _("Erasmus+ OID"),
            "pic": _("PIC"),
            "website": _("Website"),
            "is_network_member": _("Member of the network"),
        }
        help_texts = {
            "short_name": _("Used in lists, e.g. CdM Paris."),
            "oid": _("E followed by 8 digits, e.g. E10123456."),
            "pic": _("9 digits, e.g. 949123456."),
        }
