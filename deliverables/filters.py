import django_filters
from django.utils import timezone

from common.filters import YesNoFilter
from projects import access

from .models import Deliverable, WorkPackage


class DeliverableFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter()
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    late = YesNoFilter(method="filter_late", help_text="Open and past due.")
    mine = YesNoFilter(
        method="filter_mine", help_text="Led or contributed to by organisations I speak for."
    )
    country = django_filters.CharFilter(
        field_name="lead_organisation__country", lookup_expr="iexact"
    )

    class Meta:
        model = Deliverable
        fields = ["project", "status", "kind", "work_package", "lead_organisation"]

    def filter_late(self, queryset, name, value):
        late = Deliverable.objects.late(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def filter_mine(self, queryset, name, value):
        mine = access.involving_me(self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class WorkPackageFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter()

    class Meta:
        model = WorkPackage
        fields = ["project", "lead_organisation"]
