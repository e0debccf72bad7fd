import django_filters

from common.filters import IdFilter

from .models import Objective, Partnership, Project


class ProjectFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(
        method="with_partner_in", help_text="ISO code of a partner's country, e.g. LT."
    )

    class Meta:
        model = Project
        fields = ["status", "action"]

    def with_partner_in(self, queryset, name, value):
        partners = Partnership.objects.filter(organisation__country=value.upper())
        return queryset.filter(pk__in=partners.values("project_id"))


class PartnershipFilter(django_filters.FilterSet):
    project = IdFilter()
    organisation = IdFilter()
    country = django_filters.CharFilter(field_name="organisation__country", lookup_expr="iexact")

    class Meta:
        model = Partnership
        fields = ["role"]


class ObjectiveFilter(django_filters.FilterSet):
    project = IdFilter()

    class Meta:
        model = Objective
        fields = ["status"]
