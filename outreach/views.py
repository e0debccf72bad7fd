"""The API of the dissemination log and the results register: read by whoever sees the
project, written by its coordinator and officers, and by a partner in its own name."""

import django_filters
from rest_framework.exceptions import PermissionDenied

from common.filters import IdFilter
from deliverables.models import Deliverable
from projects import access
from projects.viewsets import ProjectWorkViewSet

from .models import DisseminationEntry, Result
from .serializers import DisseminationEntrySerializer, ResultSerializer
from .services import (
    log_dissemination,
    refusal_message,
    register_result,
    remove_dissemination,
    remove_result,
    update_dissemination,
    update_result,
)


class DisseminationFilter(django_filters.FilterSet):
    project = IdFilter()
    organisation = IdFilter()
    after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = DisseminationEntry
        fields = ["channel"]


class ResultFilter(django_filters.FilterSet):
    project = IdFilter()
    organisation = IdFilter()
    deliverable = IdFilter()

    class Meta:
        model = Result
        fields = ["licence"]


class OutreachViewSet(ProjectWorkViewSet):
    """Partners write too, in their own organisation's name (projects.access): the service
    checks the row's partner, so the base's coordinator-only gate is opened to every reader."""

    coordinators_may_write = True

    def create(self, request, *args, **kwargs):
        # Skips the base's gate (coordinators only): anyone who sees the project may add in their
        # own organisation's name, and the service decides.
        return super(ProjectWorkViewSet, self).create(request, *args, **kwargs)

    def may_change(self, row) -> bool:
        return access.may_record_outreach(self.request.user, row.project_id, row.organisation_id)

    def refuse(self):
        raise PermissionDenied(refusal_message())

    # Every write goes through the app's service, which checks in whose name it is written.
    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        serializer.instance = self.add(values.pop("project"), values)

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        values.pop("project", None)  # a row stays in its project
        serializer.instance = self.change(serializer.instance, values)

    def add(self, project, values: dict):
        raise NotImplementedError

    def change(self, row, values: dict):
        raise NotImplementedError


class DisseminationEntryViewSet(OutreachViewSet):
    """The dissemination log's entries typed in; the project pages add the newsletter issues
    that carried an item about the project."""

    related_scopes = {
        "project": access.visible_projects,
        "organisation": access.visible_organisations,
    }
    queryset = DisseminationEntry.objects.none()
    serializer_class = DisseminationEntrySerializer
    filterset_class = DisseminationFilter
    search_fields = ["title", "place"]
    ordering_fields = ["date", "audience", "created_at"]

    def get_queryset(self):
        return DisseminationEntry.objects.filter(
            project__in=access.visible_project_ids(self.request.user)
        ).order_by("-date", "-pk")

    def add(self, project, values):
        return log_dissemination(project=project, logged_by=self.request.user, **values)

    def change(self, row, values):
        return update_dissemination(entry=row, changed_by=self.request.user, **values)

    def perform_destroy(self, instance):
        remove_dissemination(entry=instance, removed_by=self.request.user)


def visible_deliverables(user):
    return Deliverable.objects.filter(project__in=access.visible_project_ids(user))


class ResultViewSet(OutreachViewSet):
    """The results register, as the Erasmus+ Project Results Platform asks for them."""

    related_scopes = {
        "project": access.visible_projects,
        "organisation": access.visible_organisations,
        "deliverable": visible_deliverables,
    }
    queryset = Result.objects.none()
    serializer_class = ResultSerializer
    filterset_class = ResultFilter
    search_fields = ["title", "description"]
    ordering_fields = ["title", "created_at"]

    def get_queryset(self):
        return Result.objects.filter(
            project__in=access.visible_project_ids(self.request.user)
        ).order_by("title", "pk")

    def add(self, project, values):
        return register_result(project=project, registered_by=self.request.user, **values)

    def change(self, row, values):
        return update_result(result=row, changed_by=self.request.user, **values)

    def perform_destroy(self, instance):
        remove_result(result=instance, removed_by=self.request.user)
