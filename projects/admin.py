from copy import copy

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseInlineFormSet, CharField, ModelForm, Textarea
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin

from partners import admin as partners_admin
from partners.models import Organisation, Person

from .forms import ReminderDaysField
from .logins import refuse_unless_address_may_change, save_person
from .models import Objective, ObjectiveStatusChange, Partnership, Project
from .roles import officer_accounts
from .services import change_objective_status, check_partnership_removable, remove_partnership
from .setup import check_no_money_for_associated, save_project


def save_objective(request, objective: Objective, form, comment: str) -> None:
    """Save an objective edited in the admin; a status change goes through the history."""
    if objective.pk and "status" in form.changed_data:
        new_status = objective.status
        objective.status = form.initial["status"]
        objective.save()
        change_objective_status(
            objective=objective, status=new_status, changed_by=request.user, comment=comment
        )
    else:
        objective.save()


def save_partnerships(request, formset) -> None:
    """Save the project's partnerships; one taken out goes through the service, which checks
    that none of the project's work is theirs and records it in the project's activity."""
    partnerships = formset.save(commit=False)
    for partnership in formset.deleted_objects:
        remove_partnership(partnership=partnership, removed_by=request.user)
    for partnership in partnerships:
        partnership.save()
    formset.save_m2m()


class PartnershipFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # Inline forms skip the constraints that involve the project, so check them together.
        kept = [form for form in self.forms if form.cleaned_data and form not in self.deleted_forms]
        coordinators = [f for f in kept if f.cleaned_data["role"] == Partnership.Role.COORDINATOR]
        if kept and len(coordinators) != 1:
            raise ValidationError(
                ngettext(
                    "A project has exactly one coordinator; %(count)d is marked. "
                    "Mark the applicant organisation as coordinator and the others as partners.",
                    "A project has exactly one coordinator; %(count)d are marked. "
                    "Mark the applicant organisation as coordinator and the others as partners.",
                    len(coordinators),
                )
                % {"count": len(coordinators)}
            )
        for form in self.deleted_forms:
            if form.instance.pk:
                check_partnership_removable(form.instance)
        for form in kept:
            if form.instance.pk and form.instance.organisation_id:
                check_no_money_for_associated(form.instance)


class PartnershipInline(admin.TabularInline):
    model = Partnership
    formset = PartnershipFormSet
    fields = ["organisation", "role", "contacts"]
    autocomplete_fields = ["organisation", "contacts"]
    extra = 0


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["number", "title", "status"]
    extra = 0
    show_change_link = True


class ProjectForm(ModelForm):
    deadline_reminder_days = ReminderDaysField(label="Deadline reminders")
    meeting_reminder_days = ReminderDaysField(label="Meeting reminders")

    class Meta:
        model = Project
        fields = ["officer", "deadline_reminder_days", "meeting_reminder_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "officer" in self.fields:
            self.fields["officer"].queryset = officer_accounts()


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    form = ProjectForm
    list_display = [
        "acronym",
        "title",
        "action",
        "start_date",
        "end_date",
        "status",
        "final_report_due",
    ]
    list_filter = ["status", "action", ("partnerships__organisation__country", CountryFilter)]
    search_fields = ["acronym", "title", "reference_number"]
    date_hierarchy = "start_date"
    inlines = [PartnershipInline, ObjectiveInline]
    fieldsets = [
        (None, {"fields": ["acronym", "title", "action", "status", "description", "website"]}),
        ("Grant", {"fields": ["reference_number", "national_agency", "eu_grant"]}),
        ("Period and reporting", {"fields": ["start_date", "end_date", "interim_report_due"]}),
        (
            "Officer and reminders",
            {"fields": ["officer", "deadline_reminder_days", "meeting_reminder_days"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        save_project(project=obj, saved_by=request.user)

    @admin.display(description="final report due")
    def final_report_due(self, project):
        return project.final_report_due

    def save_formset(self, request, form, formset, change):
        if formset.model is Partnership:
            return save_partnerships(request, formset)
        if formset.model is not Objective:
            return super().save_formset(request, form, formset, change)
        forms_by_instance = {id(f.instance): f for f in formset.forms}
        objectives = formset.save(commit=False)
        for objective in formset.deleted_objects:
            objective.delete()
        for objective in objectives:
            save_objective(
                request,
                objective,
                forms_by_instance[id(objective)],
                comment="Changed on the project's admin page.",
            )
        formset.save_m2m()


class ObjectiveForm(ModelForm):
    status_comment = CharField(
        label="Comment on the status change",
        required=False,
        widget=Textarea(attrs={"rows": 2}),
        help_text="Kept in the objective's history with your name.",
    )

    class Meta:
        model = Objective
        fields = ["project", "number", "title", "description", "status"]


class StatusChangeInline(admin.TabularInline):
    model = ObjectiveStatusChange
    fields = ["changed_at", "changed_by", "from_status", "to_status", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Objective)
class ObjectiveAdmin(TranslationAdmin):
    form = ObjectiveForm
    list_display = ["project", "number", "title", "status", "updated_at"]
    list_display_links = ["number", "title"]
    list_filter = ["status", "project"]
    list_select_related = ["project"]
    search_fields = ["title", "description", "project__acronym"]
    autocomplete_fields = ["project"]
    inlines = [StatusChangeInline]

    def save_model(self, request, obj, form, change):
        save_objective(request, obj, form, comment=form.cleaned_data.get("status_comment", ""))


@admin.register(ObjectiveStatusChange)
class ObjectiveStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "objective", "from_status", "to_status", "changed_by"]
    list_filter = ["to_status", "objective__project"]
    list_select_related = ["objective__project", "changed_by"]
    search_fields = ["comment", "objective__title"]
    date_hierarchy = "changed_at"

    # The history is a record: it is read, never written by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    def delete_model(self, request, partnership):
        remove_partnership(partnership=partnership, removed_by=request.user)

    def delete_queryset(self, request, queryset):
        for partnership in queryset:
            remove_partnership(partnership=partnership, removed_by=request.user)

    list_display = ["project", "organisation", "role", "country"]
    list_filter = ["role", "project", ("organisation__country", CountryFilter)]
    list_select_related = ["project", "organisation"]
    search_fields = ["organisation__name", "project__acronym"]
    autocomplete_fields = ["project", "organisation", "contacts"]

    @admin.display(ordering="organisation__country")
    def country(self, partnership):
        return partnership.organisation.country.name


def address_checked(form_class, user):
    """The admin's person form, refusing beside the field an address change that save_person
    would refuse, so that the admin shows it as an error rather than a 403 page."""

    class AddressCheckedForm(form_class):
        def clean(self):
            cleaned = super().clean()
            if self.instance.pk and "email" in cleaned:
                edited = copy(self.instance)
                edited.email = cleaned["email"]
                try:
                    refuse_unless_address_may_change(edited, user)
                except PermissionDenied as refusal:
                    self.add_error("email", str(refusal))
            return cleaned

    return AddressCheckedForm


# The contact persons' admin pages are partners', but saving a person is projects.logins' rule
# (a login's address follows its person's; an invitation mailed to the old address stops
# working): both pages save through it here, one layer up.
admin.site.unregister(Person)
admin.site.unregister(Organisation)


@admin.register(Person)
class PersonAdmin(partners_admin.PersonAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        return address_checked(super().get_form(request, obj, change, **kwargs), request.user)

    def save_model(self, request, obj, form, change):
        save_person(person=obj, saved_by=request.user)


class PersonInline(partners_admin.PersonInline):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = address_checked(formset.form, request.user)
        return formset


@admin.register(Organisation)
class OrganisationAdmin(partners_admin.OrganisationAdmin):
    inlines = [PersonInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Person:
            return super().save_formset(request, form, formset, change)
        for person in formset.save(commit=False):
            save_person(person=person, saved_by=request.user)
        for person in formset.deleted_objects:
            person.delete()
        formset.save_m2m()
