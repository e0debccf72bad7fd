from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin

from .models import ActionItem, Guest, Meeting, Participation
from .services import check_host, check_participants, record_meeting_saved


class MeetingForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        project, host = cleaned.get("project"), cleaned.get("host_organisation")
        if "host_organisation" in self.changed_data:
            try:
                check_host(project_id=project and project.pk, host_id=host and host.pk)
            except ValidationError as refusal:
                self.add_error(None, refusal)
        return cleaned


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    fields = ["description", "owner", "due_date", "status"]
    autocomplete_fields = ["owner"]
    extra = 0


class ParticipationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        people = [
            form.cleaned_data["person"]
            for form in self.forms
            if form.cleaned_data.get("person") and not form.cleaned_data.get("DELETE")
        ]
        project = self.instance.project
        try:
            check_participants(project_id=project and project.pk, people=people)
        except ValidationError as refusal:
            raise ValidationError(refusal.messages) from refusal


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    fields = ["person", "attended"]
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name = "participant"


class GuestInline(admin.TabularInline):
    model = Guest
    fields = [
        "name", "organisation_name", "country", "type", "email", "email_consent", "attended",
        "from_partner", "signed_in_online", "erased",
    ]  # fmt: skip
    readonly_fields = ["signed_in_online", "erased"]  # erased with the page's or API's action
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    form = MeetingForm
    list_display = [
        "title",
        "kind",
        "project",
        "start_date",
        "end_date",
        "where",
        "host_organisation",
    ]
    list_filter = ["kind", "project", ("country", CountryFilter), "is_online", "start_date"]
    list_select_related = ["project", "host_organisation"]
    search_fields = ["title", "city", "venue", "project__acronym"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["project", "host_organisation"]
    inlines = [ParticipationInline, GuestInline, ActionItemInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "project"]}),
        (
            "When and where",
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "dates_confirmed",
                    "is_online",
                    "host_organisation",
                    "venue",
                    "city",
                    "country",
                ]
            },
        ),
        ("What", {"fields": ["agenda", "minutes"]}),
    ]

    @admin.display(description="place")
    def where(self, meeting):
        return meeting.place

    def save_related(self, request, form, formsets, change):
        # After the participants are saved, so that a new meeting's participants are told.
        super().save_related(request, form, formsets, change)
        initial = form.initial
        record_meeting_saved(
            meeting=form.instance,
            saved_by=request.user,
            created=not change,
            dates_before=(initial["start_date"], initial["end_date"]) if change else None,
        )


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["description", "meeting", "owner", "due_date", "status"]
    list_filter = ["status", "meeting__project", "due_date"]
    list_select_related = ["meeting", "owner"]
    search_fields = ["description", "owner__last_name", "meeting__title"]
    date_hierarchy = "due_date"
    autocomplete_fields = ["meeting", "owner"]
