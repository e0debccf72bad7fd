from django.contrib import admin, messages

from projects.admin import ProjectAdmin
from projects.models import Project

from .models import AllowedLumpSum, Budget, HeadingAmount, LumpSumShare, UnitCostRate
from .services import stored_budget_mismatch


@admin.register(AllowedLumpSum)
class AllowedLumpSumAdmin(admin.ModelAdmin):
    list_display = ["call_year", "action", "amount"]
    list_filter = ["call_year", "action"]


@admin.register(UnitCostRate)
class UnitCostRateAdmin(admin.ModelAdmin):
    list_display = [
        "programme_year",
        "heading",
        "distance_band",
        "country_group",
        "participant_type",
        "amount",
        "unit",
    ]
    list_filter = ["programme_year", "heading", "country_group"]


class ReadOnlyInline(admin.TabularInline):
    """A budget's amounts are written through the budget page, where the sums are checked
    together (grants.services); the admin shows them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LumpSumShareInline(ReadOnlyInline):
    model = LumpSumShare
    fields = ["work_package", "organisation", "amount"]
    readonly_fields = fields


class HeadingAmountInline(ReadOnlyInline):
    model = HeadingAmount
    fields = ["heading", "organisation", "amount"]
    readonly_fields = fields


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["project", "funding_model", "illustrative", "updated_at"]
    list_filter = ["funding_model", "illustrative"]
    readonly_fields = ["project", "funding_model", "management_work_package", "illustrative"]
    inlines = [LumpSumShareInline, HeadingAmountInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing only: every change goes through the page, which checks the sums.
        return False


class ProjectWithBudgetAdmin(ProjectAdmin):
    """The projects' admin, told (from this floor, which knows budgets) when a changed grant
    leaves the budget not adding up: kept, as on every path (grants.services.budget_mismatch)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and (mismatch := stored_budget_mismatch(obj)):
            self.message_user(request, mismatch, messages.WARNING)


admin.site.unregister(Project)
admin.site.register(Project, ProjectWithBudgetAdmin)
