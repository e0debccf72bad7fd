from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.shortcuts import redirect
from django.urls import reverse
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin

from common import clock

from .models import Contribution, Deliverable, Review, Submission, WorkPackage
from .work_plan import (
    deliverable_removal_refusal,
    remove_deliverable,
    remove_work_package,
    save_deliverable,
    save_work_package,
    work_package_removal_refusal,
)


class WorkPlanAdmin(admin.ModelAdmin):
    """Saves and removals go through the work plan's services: the admin refuses what the page
    and the API refuse, with the same reason."""

    def removal_refusal(self, obj) -> str | None:
        raise NotImplementedError

    def remove(self, obj, user) -> None:
        raise NotImplementedError

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and (refusal := self.removal_refusal(obj)):
            self.message_user(request, refusal, messages.ERROR)
            opts = self.model._meta
            return redirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        self.remove(obj, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.remove(obj, request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete_selected, name, description = actions["delete_selected"]

            def delete_unless_refused(modeladmin, request, queryset):
                refusals = [refusal for obj in queryset if (refusal := self.removal_refusal(obj))]
                for refusal in refusals:
                    self.message_user(request, refusal, messages.ERROR)
                if not refusals:
                    return delete_selected(modeladmin, request, queryset)
                return None

            actions["delete_selected"] = (delete_unless_refused, name, description)
        return actions


class LateFilter(admin.SimpleListFilter):
    title = "late"
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("yes", "Late"), ("no", "Not late")]

    def queryset(self, request, queryset):
        late = Deliverable.objects.late(clock.today()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=late)
        if self.value() == "no":
            return queryset.exclude(pk__in=late)
        return queryset


class ContributionInline(admin.TabularInline):
    model = Contribution
    autocomplete_fields = ["organisation"]
    extra = 0


class SubmissionInline(admin.StackedInline):
    model = Submission
    fields = ["link", "file", "original_filename", "note", "submitted_by", "created_at"]
    readonly_fields = ["original_filename", "submitted_by", "created_at"]
    extra = 0


class ReviewInline(admin.TabularInline):
    """The review rounds, as the services recorded them: read here, decided on the pages and
    the API, where the rules of who reviews are enforced."""

    model = Review
    fields = ["created_at", "decision", "comment", "reviewed_by", "submission"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deliverable)
class DeliverableAdmin(TranslationAdmin, WorkPlanAdmin):
    # What an officer scans for comes first, so that it stays on screen beside the long titles.
    list_display = ["code", "due_date", "status", "late", "title", "project", "lead"]
    list_display_links = ["code", "title"]
    list_filter = [
        LateFilter,
        "status",
        "kind",
        "dissemination_level",
        "project",
        "due_date",
        ("lead_organisation__country", CountryFilter),
    ]
    list_select_related = ["project", "lead_organisation"]
    search_fields = ["code", "title", "project__acronym", "lead_organisation__name"]
    date_hierarchy = "due_date"
    autocomplete_fields = ["project", "work_package", "lead_organisation"]
    inlines = [ContributionInline, SubmissionInline, ReviewInline]

    @admin.display(description="lead", ordering="lead_organisation__short_name")
    def lead(self, deliverable):
        return deliverable.lead_organisation.short_name

    def removal_refusal(self, obj):
        return deliverable_removal_refusal(obj)

    def remove(self, obj, user):
        remove_deliverable(deliverable=obj, by=user)

    def save_model(self, request, obj, form, change):
        save_deliverable(deliverable=obj, by=request.user)

    # A word, not the boolean icons: a green tick for "late" read as all is well.
    @admin.display(description="late")
    def late(self, deliverable):
        return "late" if deliverable.is_late() else ""

    def save_formset(self, request, form, formset, change):
        if formset.model is Submission:
            for submission in formset.save(commit=False):
                if submission.submitted_by_id is None:
                    submission.submitted_by = request.user
                if submission.file and not submission.original_filename:
                    submission.original_filename = submission.file.name[:255]
                submission.save()
            for submission in formset.deleted_objects:
                submission.delete()
            return
        super().save_formset(request, form, formset, change)


@admin.register(WorkPackage)
class WorkPackageAdmin(WorkPlanAdmin):
    list_display = ["code", "title", "project", "lead_organisation", "period", "position"]
    list_filter = ["project"]
    list_select_related = ["project", "lead_organisation"]
    search_fields = ["code", "title", "project__acronym"]
    autocomplete_fields = ["project", "lead_organisation"]

    @admin.display(description="period")
    def period(self, work_package):
        return work_package.period_label

    def removal_refusal(self, obj):
        return work_package_removal_refusal(obj)

    def remove(self, obj, user):
        remove_work_package(work_package=obj, by=user)

    def save_model(self, request, obj, form, change):
        save_work_package(work_package=obj, by=request.user)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "created_at", "submitted_by", "link", "original_filename"]
    list_filter = ["deliverable__project"]
    list_select_related = ["deliverable__project", "submitted_by"]
    search_fields = ["deliverable__code", "deliverable__title", "link", "original_filename"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["deliverable"]
    readonly_fields = ["submitted_by", "original_filename"]

    def save_model(self, request, obj, form, change):
        if obj.submitted_by_id is None:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "created_at", "decision", "reviewed_by"]
    list_filter = ["decision", "deliverable__project"]
    list_select_related = ["deliverable__project", "reviewed_by"]
    search_fields = ["deliverable__code", "deliverable__title", "comment"]
    date_hierarchy = "created_at"
    fields = ["deliverable", "submission", "decision", "comment", "reviewed_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # a round is recorded by approving or requesting changes

    def has_change_permission(self, request, obj=None):
        return False
