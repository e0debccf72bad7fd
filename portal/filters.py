import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from common import clock
from deliverables.models import Deliverable, WorkPackage
from partners.models import Organisation

from .widgets import PlainSelect


class ChoicesInOneQuery(ModelChoiceIterator):
    """A model's choices read by one plain query.

    Django reads them through `queryset.iterator()`, which on PostgreSQL is a server-side
    cursor (DECLARE, FETCH, CLOSE: three round trips) meant for more rows than memory holds;
    a project's work packages and partners are a few dozen (their two cursors took a
    fourteenth of a filtered visit of the project page under the profiler, a few per cent
    without it). The labels come first, as django-filter's iterator puts them."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for row in self.queryset.all():
            yield self.choice(row)


class ChoiceFieldInOneQuery(ModelChoiceField):
    iterator = ChoicesInOneQuery


class ModelChoiceFilterInOneQuery(django_filters.ModelChoiceFilter):
    field_class = ChoiceFieldInOneQuery


class ProjectDeliverableFilter(django_filters.FilterSet):
    """The project page's deliverable filters; their choices are the project's own."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Deliverable.Status.choices, empty_label=_("Any"),
        widget=PlainSelect,
    )  # fmt: skip
    work_package = ModelChoiceFilterInOneQuery(
        label=_("Work package"), queryset=WorkPackage.objects.none(), empty_label=_("Any"),
        widget=PlainSelect,
    )  # fmt: skip
    lead_organisation = ModelChoiceFilterInOneQuery(
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
