"""The API of organisations and people: shared by projects, seen through one's partnerships."""

import django_filters

from common.filters import IdFilter, VisibleIdFilter
from partners.models import Organisation, Person
from partners.serializers import OrganisationSerializer, PersonSerializer

from . import access
from .logins import save_person
from .viewsets import ProjectWorkViewSet


class OrganisationFilter(django_filters.FilterSet):
    project = VisibleIdFilter(
        field_name="partnerships__project", visible=access.visible_project_ids
    )
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Organisation
        fields = ["type", "is_network_member"]


class PersonFilter(django_filters.FilterSet):
    project = VisibleIdFilter(
        field_name="partnerships__project", visible=access.visible_project_ids, distinct=True
    )
    organisation = IdFilter()

    class Meta:
        model = Person
        fields = ["preferred_language"]


class OfficersWriteViewSet(ProjectWorkViewSet):
    """Shared by every project's partners: only project officers change them."""

    def project_id_of(self, instance):
        return None


class OrganisationViewSet(OfficersWriteViewSet):
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {}
    queryset = Organisation.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    search_fields = ["name", "short_name", "city"]
    ordering_fields = ["name", "country", "created_at"]

    def get_queryset(self):
        return access.visible_organisations(self.request.user).order_by("name", "pk")


class PersonViewSet(OfficersWriteViewSet):
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {"organisation": access.visible_organisations}
    queryset = Person.objects.none()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    search_fields = ["first_name", "last_name", "email"]
    ordering_fields = ["last_name", "created_at"]
    personal_fields = ("email",)

    def may_export_personal_data(self) -> bool:
        return access.may_export_personal_data(self.request.user)

    def get_queryset(self):
        return access.visible_people(self.request.user).order_by("last_name", "first_name", "pk")

    def perform_create(self, serializer):
        serializer.instance = save_person(
            person=Person(**serializer.validated_data), saved_by=self.request.user
        )

    def perform_update(self, serializer):
        person = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(person, name, value)
        save_person(person=person, saved_by=self.request.user)
