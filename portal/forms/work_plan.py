"""The work plan's forms. The rules are the models' and the services' (full_clean runs here and
again in the service); the forms only read the input and put each refusal beside its field."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from deliverables.models import Deliverable, WorkPackage, month_end
from deliverables.work_plan import check_contributors
from partners.models import Organisation

from . import DayInput
from .languages import OtherLanguagesMixin, with_versions


class WorkPlanForm(OtherLanguagesMixin, forms.ModelForm):
    """A row of one project's plan. The organisations offered and read are the project's
    partners, those the models' rule allows (Deliverable.clean, WorkPackage.clean,
    check_contributors, which the service checks again): any other id is not a valid choice,
    and its answer names no organisation the reader may not see."""

    def __init__(self, *args, project, partners: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.project = project
        offered = [(organisation.pk, organisation.name) for organisation in partners]
        accepted = Organisation.objects.filter(pk__in=[pk for pk, _name in offered])
        for name, choices in (
            ("lead_organisation", [("", "—"), *offered]),
            ("contributors", offered),
        ):
            if name in self.fields:
                self.fields[name].queryset = accepted
                self.fields[name].widget.choices = choices

    def _get_validation_exclusions(self):
        # The project is set by the page, not typed: checking the code's uniqueness needs it.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("project")
        return exclusions

    def _update_errors(self, errors):
        # "The project already has … with this code" spans two fields; it belongs beside the code.
        super()._update_errors(beside_the_code(errors, self._meta.model))

    def add_refusal(self, refusal: ValidationError) -> None:
        """A refusal from the service (a change made meanwhile), beside its field."""
        refusal = beside_the_code(refusal, self._meta.model)
        if hasattr(refusal, "error_dict"):
            for name, errors in refusal.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, refusal)


def beside_the_code(errors: ValidationError, model) -> ValidationError:
    if not hasattr(errors, "error_dict") or NON_FIELD_ERRORS not in errors.error_dict:
        return errors
    code_taken = {
        str(constraint.violation_error_message)
        for constraint in model._meta.constraints
        if "code" in getattr(constraint, "fields", ())
    }
    moved = {name: list(messages) for name, messages in errors.error_dict.items()}
    general = moved.pop(NON_FIELD_ERRORS)
    for error in general:
        if " ".join(error.messages) in code_taken:
            moved.setdefault("code", []).append(error)
        else:
            moved.setdefault(NON_FIELD_ERRORS, []).append(error)
    return ValidationError(moved)


class WorkPackageForm(WorkPlanForm):
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = WorkPackage
        fields = ["code", "title", "lead_organisation", "start_month", "end_month"]
        labels = {
            "code": _("Code"),
            "title": _("Title"),
            "start_month": _("First month"),
            "end_month": _("Last month"),
        }
        help_texts = {
            "code": _("e.g. WP2, IO1, PR3"),
            "start_month": _("Counted from the project's start, as in the application: 1 for M1."),
            "end_month": _("Leave both months empty while the period is not planned."),
        }


class DeliverableForm(WorkPlanForm):
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none()
    )
    contributors = forms.ModelMultipleChoiceField(
        label=_("Contributing partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    month_only = forms.BooleanField(
        label=_("Only the month is known (to be confirmed)"),
        required=False,
        help_text=_("The due date is then kept as the last day of its month."),
    )

    class Meta:
        model = Deliverable
        fields = with_versions([
            "code", "title", "kind", "work_package", "lead_organisation", "due_date",
            "dissemination_level", "description",
        ], "title")  # fmt: skip
        labels = {
            "code": _("Code"),
            "title": _("Title"),
            "kind": _("Kind"),
            "work_package": _("Work package"),
            "due_date": _("Due date"),
            "dissemination_level": _("Dissemination level"),
            "description": _("Description"),
        }
        help_texts = {"code": _("e.g. IO1, D2.3")}
        widgets = {"due_date": DayInput(), "description": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "code", "title", "kind", "work_package", "lead_organisation", "contributors", "due_date",
        "month_only", "dissemination_level", "description",
    ]  # fmt: skip

    def __init__(self, *args, work_packages: list[WorkPackage], **kwargs):
        super().__init__(*args, **kwargs)
        packages = self.fields["work_package"]
        packages.queryset = WorkPackage.objects.filter(project=self.project)
        packages.widget.choices = [("", _("None"))] + [
            (package.pk, f"{package.code}: {package.title}") for package in work_packages
        ]
        if self.instance.pk:
            self.initial["contributors"] = [
                contribution.organisation_id for contribution in self.instance.contributions.all()
            ]
            self.initial["month_only"] = not self.instance.due_date_confirmed

    def clean_contributors(self):
        contributors = self.cleaned_data["contributors"]
        try:
            check_contributors(self.project, contributors)
        except ValidationError as refusal:
            raise ValidationError(refusal.message_dict["contributors"]) from None
        return contributors

    def clean(self):
        cleaned = super().clean()
        month_only = cleaned.get("month_only", False)
        if month_only and cleaned.get("due_date"):
            cleaned["due_date"] = month_end(cleaned["due_date"])
        self.instance.due_date_confirmed = not month_only
        return cleaned
