"""The admin writes through the same services as the pages and the API: same rules, same
events."""

from django.contrib import admin

from .models import DisseminationEntry, Result
from .services import (
    EDITABLE_ENTRY_FIELDS,
    EDITABLE_RESULT_FIELDS,
    log_dissemination,
    register_result,
    remove_dissemination,
    remove_result,
    update_dissemination,
    update_result,
)


def values_of(row, fields) -> dict:
    return {name: getattr(row, name) for name in fields}


@admin.register(DisseminationEntry)
class DisseminationEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "project", "organisation", "channel", "audience"]
    list_filter = ["channel", "project", "date"]
    list_select_related = ["project", "organisation"]
    search_fields = ["title", "place", "project__acronym", "organisation__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["project", "organisation"]

    def save_model(self, request, obj, form, change):
        values = values_of(obj, EDITABLE_ENTRY_FIELDS)
        if change:
            update_dissemination(entry=obj, changed_by=request.user, **values)
        else:
            obj.pk = log_dissemination(project=obj.project, logged_by=request.user, **values).pk

    def delete_model(self, request, obj):
        remove_dissemination(entry=obj, removed_by=request.user)


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "organisation", "licence", "deliverable"]
    list_filter = ["licence", "project"]
    list_select_related = ["project", "organisation", "deliverable"]
    search_fields = ["title", "description", "project__acronym"]
    autocomplete_fields = ["project", "organisation", "deliverable"]

    def save_model(self, request, obj, form, change):
        values = values_of(obj, EDITABLE_RESULT_FIELDS)
        if change:
            update_result(result=obj, changed_by=request.user, **values)
        else:
            obj.pk = register_result(project=obj.project, registered_by=request.user, **values).pk

    def delete_model(self, request, obj):
        remove_result(result=obj, removed_by=request.user)
