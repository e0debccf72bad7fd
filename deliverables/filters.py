import django_filters

from common import clock
from common.filters import IdFilter, YesNoFilter

from .involving import involving_me
from .models import Deliverable, Submission, WorkPackage


class DeliverableFilter(django_filters.FilterSet):
    project = IdFilter()
    work_package = IdFilter()
    lead_organisation = IdFilter()
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    late = YesNoFilter(answer="filter_late", help_text="Open and past due.")
    mine = YesNoFilter(
        answer="filter_mine", help_text="Led or contributed to by organisations I speak for."
    )
    country = django_filters.CharFilter(
        field_name="lead_organisation__country", lookup_expr="iexact"
    )

    class Meta:
        model = Deliverable
        fields = ["status", "kind"]

    def filter_late(self, queryset, name, value):
        late = Deliverable.objects.late(clock.today()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def filter_mine(self, queryset, name, value):
        mine = involving_me(self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class WorkPackageFilter(django_filters.FilterSet):
    project = IdFilter()
    lead_organisation = IdFilter()

    class Meta:
        model = WorkPackage
        fields = []


class SubmissionFilter(django_filters.FilterSet):
    deliverable = IdFilter()

    class Meta:
        model = Submission
        fields = []
