import django_filters

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
    project = django_filters.NumberFilter()
    country = django_filters.CharFilter(field_name="organisation__country", lookup_expr="iexact")

    class Meta:
        model = Partnership
        fields = ["project", "role", "organisation"]


class ObjectiveFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter()

    class Meta:
        model = Objective
        fields = ["project", "status"]
