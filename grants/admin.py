from django.contrib import admin

from .models import AllowedLumpSum, Budget, HeadingAmount, LumpSumShare, UnitCostRate


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
