from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin

from .event_sign_in import close_sign_in, open_sign_in
from .models import ActionItem, Guest, Meeting, OnlineSignIn, Participation, SignedSheet
from .services import (
    GUEST_FIELDS,
    add_guest,
    change_guest,
    check_host,
    check_participants,
    erase_guest,
    record_meeting_saved,
    remove_guest,
)
from .signed_sheets import check_signed_sheet, upload_signed_sheet


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


class SignedSheetForm(forms.ModelForm):
    """A scan uploaded in the back office, judged as on the meeting's page before it is kept."""

    class Meta:
        model = SignedSheet
        fields = ["meeting", "file"]

    def clean(self):
        cleaned = super().clean()
        meeting, upload = cleaned.get("meeting"), cleaned.get("file")
        if meeting and upload:
            try:
                check_signed_sheet(meeting=meeting, upload=upload, uploaded_by=self.user)
            except ValidationError as refusal:
                self.add_error("file", refusal)
            except PermissionDenied as refusal:
                self.add_error(None, str(refusal))
        return cleaned


@admin.register(SignedSheet)
class SignedSheetAdmin(admin.ModelAdmin):
    """The signed lists kept as evidence: listed and added (through upload_signed_sheet, as the
    meeting's page does); never changed or deleted, as the pages never do either."""

    form = SignedSheetForm
    list_display = ["original_filename", "meeting", "project", "uploaded_by", "created_at", "scan"]
    list_filter = ["meeting__project", "created_at"]
    list_select_related = ["meeting__project", "uploaded_by"]
    search_fields = ["original_filename", "meeting__title", "meeting__project__acronym"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["meeting"]
    readonly_fields = ["meeting", "original_filename", "uploaded_by", "created_at", "scan"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj else ["meeting", "file"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def save_form(self, request, form, change):
        # The service writes the row, its file and the project's activity.
        return upload_signed_sheet(
            meeting=form.cleaned_data["meeting"],
            upload=form.cleaned_data["file"],
            uploaded_by=request.user,
        )

    def save_model(self, request, obj, form, change):
        pass  # saved by save_form, through the service

    def save_related(self, request, form, formsets, change):
        pass  # a scan has no related rows

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="project")
    def project(self, sheet):
        return sheet.meeting.project

    @admin.display(description="scan")
    def scan(self, sheet):
        # Through the meeting page's download, which checks who may read it.
        url = reverse("meeting-signed-sheet", args=[sheet.meeting_id, sheet.pk])
        return format_html('<a href="{}">{}</a>', url, "download")


@admin.register(OnlineSignIn)
class OnlineSignInAdmin(admin.ModelAdmin):
    """The events' sign-in pages: read here, opened and closed through the same services as the
    meeting's page (an action each); the link's token is shown on the meeting's page only."""

    list_display = ["meeting", "project", "is_open", "language"]
    list_filter = ["is_open", "language", "meeting__project"]
    list_select_related = ["meeting__project"]
    search_fields = ["meeting__title", "meeting__project__acronym"]
    fields = ["meeting", "is_open", "language"]
    readonly_fields = fields
    actions = ["open_selected", "close_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="project")
    def project(self, sign_in):
        return sign_in.meeting.project

    @admin.action(description="Open the selected sign-ins", permissions=["view"])
    def open_selected(self, request, queryset):
        for sign_in in queryset.select_related("meeting"):
            open_sign_in(meeting=sign_in.meeting, opened_by=request.user, language=sign_in.language)
        self.message_user(request, f"{queryset.count()} sign-in(s) open.")

    @admin.action(description="Close the selected sign-ins", permissions=["view"])
    def close_selected(self, request, queryset):
        for sign_in in queryset.select_related("meeting"):
            close_sign_in(meeting=sign_in.meeting, closed_by=request.user)
        self.message_user(request, f"{queryset.count()} sign-in(s) closed.")


class GuestForm(forms.ModelForm):
    class Meta:
        model = Guest
        fields = ["meeting", *GUEST_FIELDS]


@admin.register(Guest)
class GuestAdmin(admin.ModelAdmin):
    """Participants from outside the partners, every meeting's in one list: added, corrected,
    removed and erased through the same services as the meeting's page."""

    form = GuestForm
    list_display = [
        "shown_name", "organisation_name", "country", "type", "meeting", "attended",
        "signed_in_online", "erased",
    ]  # fmt: skip
    list_filter = [
        "type", "attended", "signed_in_online", "erased", ("country", CountryFilter),
        "meeting__project",
    ]  # fmt: skip
    list_select_related = ["meeting"]
    search_fields = ["name", "organisation_name", "meeting__title", "meeting__project__acronym"]
    autocomplete_fields = ["meeting"]
    actions = ["erase_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["signed_in_online", "erased"]
        return ["meeting", "signed_in_online", "erased"]

    def has_change_permission(self, request, obj=None):
        # An erased guest is read only: nothing left to correct, the counts stay as they were.
        return not (obj and obj.erased) and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        values = {
            name: form.cleaned_data[name] for name in GUEST_FIELDS if name in form.cleaned_data
        }
        if change:
            change_guest(guest=obj, changed_by=request.user, **values)
        else:
            saved = add_guest(meeting=form.cleaned_data["meeting"], added_by=request.user, **values)
            obj.pk, obj.created_at, obj.updated_at = saved.pk, saved.created_at, saved.updated_at

    def delete_model(self, request, obj):
        remove_guest(guest=obj, removed_by=request.user)

    def delete_queryset(self, request, queryset):
        for guest in queryset.select_related("meeting"):
            remove_guest(guest=guest, removed_by=request.user)

    @admin.display(description="name", ordering="name")
    def shown_name(self, guest):
        return "(erased)" if guest.erased else guest.name

    @admin.action(description="Erase the selected participants (the counts stay)")
    def erase_selected(self, request, queryset):
        erased = 0
        for guest in queryset.filter(erased=False).select_related("meeting"):
            erase_guest(guest=guest, erased_by=request.user)
            erased += 1
        self.message_user(request, f"{erased} participant(s) erased.")
