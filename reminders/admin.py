from django.contrib import admin
from django.core.exceptions import PermissionDenied

from .models import Digest, Reminder, ReminderRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reminders are a record of what was sent: read, never written by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderRun)
class ReminderRunAdmin(ReadOnlyAdmin):
    list_display = ["day", "started_at", "finished_at", "claimed", "digests", "sent", "failed",
                    "has_gaps"]  # fmt: skip
    date_hierarchy = "day"
    readonly_fields = ["day", "started_at", "finished_at", "claimed", "digests", "sent", "failed",
                       "gaps"]  # fmt: skip

    @admin.display(boolean=True, description="gaps")
    def has_gaps(self, run):
        return bool(run.gaps)


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    """Not deleted by hand either: its reminders name its run and recipient, and would be left
    in no digest, never sent. A run is kept as history (Reminder.run protects it)."""

    list_display = ["recipient", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "run__day"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__last_name", "recipient__email", "last_error"]
    date_hierarchy = "created_at"

    # Not by hand: the delete page and action are gone, but deleting a person still takes their
    # digests with them (a refused permission here refused the person's deletion too).
    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "show_delete": False}
        )


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["kind", "item_id", "project", "item_date", "window", "recipient", "role",
                    "digest_status"]  # fmt: skip
    list_filter = ["kind", "window", "role", "project"]
    list_select_related = ["project", "recipient", "digest"]
    search_fields = ["recipient__last_name", "recipient__email"]
    date_hierarchy = "item_date"

    @admin.display(description="digest")
    def digest_status(self, reminder):
        return reminder.digest.get_status_display() if reminder.digest else "waiting"
