"""The API's base for the resources that belong to a project, scoped by projects.access."""

from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from common.bulk import ListCreateMixin
from common.exports import ExportableListMixin
from common.filters import BodyOnlyWhereTaken, OwnQueryParameters

from . import access


class ProjectWorkViewSet(
    OwnQueryParameters,
    BodyOnlyWhereTaken,
    ListCreateMixin,
    ExportableListMixin,
    viewsets.ModelViewSet,
):
    """A resource that belongs to a project.

    Each user reads those of the projects they may see; any other answers 404. Changing one
    needs a project officer or, for the work coordinators run, a contact of the project's
    coordinator.
    """

    # The docstring above describes every operation of the API that has none of its own: the
    # reading is get_queryset()'s, the changing may_write()'s (coordinators_may_write).

    coordinators_may_write = False
    # Related fields whose choices are kept to what the user may see: {field: (user) -> queryset}.
    # A hidden project then reads as "does not exist" (400), exactly like a missing one.
    related_scopes: dict = {}

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "data" not in kwargs:
            return serializer  # only input is checked against what the user may see
        fields = getattr(serializer, "fields", {})  # a list serializer has none to scope
        for name, scope in self.related_scopes.items():
            field = fields.get(name)
            if field is None or field.read_only:
                continue
            target = getattr(field, "child_relation", field)
            target.queryset = scope(self.request.user)
        return serializer

    def project_id_of(self, instance) -> int | None:
        return instance.project_id

    def may_write(self, project_id: int | None) -> bool:
        user = self.request.user
        if self.coordinators_may_write:
            return access.may_run_project(user, project_id)
        return access.may_manage_network(user)

    def refuse(self):
        who = "project officers" + (
            " and the project's coordinator" if self.coordinators_may_write else ""
        )
        raise PermissionDenied(f"Only {who} may change this.")

    def may_change(self, instance) -> bool:
        return self.may_write(self.project_id_of(instance))

    def check_object_permissions(self, request, obj):
        # Custom actions (submit, approve, …) check their own rules.
        super().check_object_permissions(request, obj)
        if self.action in ("update", "partial_update", "destroy") and not self.may_change(obj):
            self.refuse()

    def create(self, request, *args, **kwargs):
        # Refuse before reading the payload when the role may create nothing of this kind.
        user = request.user
        if not access.is_officer(user) and not (
            self.coordinators_may_write and access.coordinated_project_ids(user).exists()
        ):
            self.refuse()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        project = serializer.validated_data.get("project")
        if not self.may_write(project.pk if project else None):
            self.refuse()
        serializer.save()
