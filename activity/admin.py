from django.contrib import admin

from .models import Event, Notification


class NotificationInline(admin.TabularInline):
    model = Notification
    fields = ["recipient", "read_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The activity is a record: read here, written only by the services."""

    list_display = ["created_at", "project", "verb", "target", "actor"]
    list_filter = ["verb", "project"]
    list_select_related = ["project", "actor"]
    search_fields = ["target", "project__acronym"]
    date_hierarchy = "created_at"
    fields = ["created_at", "project", "actor", "verb", "target", "link", "details"]
    readonly_fields = fields
    inlines = [NotificationInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
