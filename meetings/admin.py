from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django_countries.filters import CountryFilter

from .models import ActionItem, Meeting
from .services import check_participants, record_meeting_saved


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    fields = ["description", "owner", "due_date", "status"]
    autocomplete_fields = ["owner"]
    extra = 0


class MeetingForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        project = cleaned.get("project")
        try:
            check_participants(
                project_id=project and project.pk, people=cleaned.get("participants") or []
            )
        except ValidationError as refusal:
            self.add_error("participants", refusal)
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
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
    autocomplete_fields = ["project", "host_organisation", "participants"]
    inlines = [ActionItemInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "project"]}),
        (
            "When and where",
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "is_online",
                    "host_organisation",
                    "venue",
                    "city",
                    "country",
                ]
            },
        ),
        ("Who and what", {"fields": ["participants", "minutes"]}),
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
