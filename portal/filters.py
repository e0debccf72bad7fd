import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common import clock
from deliverables.models import Deliverable, WorkPackage
from partners.models import Organisation

from .widgets import PlainSelect


class ProjectDeliverableFilter(django_filters.FilterSet):
    """The project page's deliverable filters; their choices are the project's own."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Deliverable.Status.choices, empty_label=_("Any"),
        widget=PlainSelect,
    )  # fmt: skip
    work_package = django_filters.ModelChoiceFilter(
        label=_("Work package"), queryset=WorkPackage.objects.none(), empty_label=_("Any"),
        widget=PlainSelect,
    )  # fmt: skip
    lead_organisation = django_filters.ModelChoiceFilter(
        label=_("Lead"), queryset=Organisation.objects.none(), empty_label=_("Any"),
        widget=PlainSelect,
    )  # fmt: skip
    late = django_filters.BooleanFilter(
        label=_("Late only"), method="filter_late", widget=forms.CheckboxInput
    )

    class Meta:
        model = Deliverable
        fields = ["status", "work_package", "lead_organisation", "late"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["work_package"].queryset = project.work_packages.order_by("code")
        self.filters["lead_organisation"].queryset = Organisation.objects.filter(
            partnerships__project=project
        ).order_by("short_name")

    def filter_late(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.late(clock.today())
