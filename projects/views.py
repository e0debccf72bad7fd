from django.db.models import F
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.content_languages import all_version_names
from common.filters import OwnQueryParameters
from common.serializers import with_linked_ids

from . import access
from .authentication import SignInPaused, issued_token, sign_in_paused_until
from .filters import ObjectiveFilter, PartnershipFilter, ProjectFilter
from .models import Objective, Partnership, Project
from .serializers import (
    MeSerializer,
    ObjectiveSerializer,
    ObjectiveStatusChangeSerializer,
    PartnershipSerializer,
    ProjectSerializer,
)
from .services import change_objective_status, remove_partnership
from .setup import save_project
from .viewsets import ProjectWorkViewSet


class ProjectViewSet(ProjectWorkViewSet):
    queryset = Project.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    search_fields = ["acronym", *all_version_names("title"), "reference_number"]
    ordering_fields = ["start_date", "end_date", "acronym", "created_at"]

    def get_queryset(self):
        return access.visible_projects(self.request.user)

    def project_id_of(self, project):
        return project.pk

    def perform_create(self, serializer):
        serializer.instance = save_project(
            project=Project(**serializer.validated_data), saved_by=self.request.user
        )

    def perform_update(self, serializer):
        project = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(project, name, value)
        save_project(project=project, saved_by=self.request.user)


class PartnershipViewSet(ProjectWorkViewSet):
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {"project": access.visible_projects, "contacts": access.visible_people}
    queryset = Partnership.objects.none()
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        partnerships = Partnership.objects.filter(
            project__in=access.visible_project_ids(self.request.user)
        ).order_by("project_id", "role", "organisation__name")
        if self.action == "list":
            # Of the organisation, only the name it shows, without a model instance for it;
            # the contacts' ids with the rows where the database can (LinkedIdsListSerializer).
            partnerships = partnerships.annotate(organisation_name=F("organisation__name"))
            return with_linked_ids(partnerships, "contacts")
        return partnerships.select_related("organisation")

    def perform_destroy(self, partnership):
        remove_partnership(partnership=partnership, removed_by=self.request.user)


class ObjectiveViewSet(ProjectWorkViewSet):
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {"project": access.visible_projects}
    queryset = Objective.objects.none()
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilter
    search_fields = [*all_version_names("title"), "description"]
    ordering_fields = ["number", "updated_at"]

    def get_queryset(self):
        return Objective.objects.filter(
            project__in=access.visible_project_ids(self.request.user)
        ).order_by("project_id", "number")

    def perform_update(self, serializer):
        """Fields are saved as sent; a new status goes through the history with its comment."""
        new_status = serializer.validated_data.pop("status", None)
        comment = serializer.validated_data.pop("comment", "")
        objective = serializer.save()
        if new_status is not None:
            change_objective_status(
                objective=objective,
                status=new_status,
                changed_by=self.request.user,
                comment=comment,
            )

    def perform_create(self, serializer):
        serializer.validated_data.pop("comment", None)
        super().perform_create(serializer)

    @extend_schema(responses=ObjectiveStatusChangeSerializer(many=True))
    # A page of changes: the list's filters do not apply.
    @action(detail=True, filter_backends=[], query_parameters=("page", "page_size"))
    def history(self, request, pk=None):
        """Every status change of the objective, newest first: who, when, from, to, why."""
        objective = self.get_object()
        changes = objective.status_changes.select_related("changed_by")
        page = self.paginate_queryset(changes)
        return self.get_paginated_response(ObjectiveStatusChangeSerializer(page, many=True).data)


class MeView(OwnQueryParameters, APIView):
    """Who I am, the organisations I speak for and my role in each of my projects."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        person = getattr(user, "person", None)
        partnerships = list(
            access.contact_partnerships(user)
            .select_related("project", "organisation")
            .order_by("project__acronym")
        )
        organisations = {p.organisation for p in partnerships}
        if person is not None:
            organisations.add(person.organisation)
        me = {
            "username": user.get_username(),
            "name": person.full_name if person else user.get_full_name(),
            "email": person.email if person else user.email,
            "person": person.pk if person else None,
            "is_project_officer": access.is_officer(user),
            "organisations": sorted(organisations, key=lambda o: o.name),
            "projects": partnerships,
        }
        return Response(MeSerializer(me).data)


class TokenView(OwnQueryParameters, ObtainAuthToken):
    """POST username and password for a token; DELETE with the token to revoke it."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "sign-in"

    def post(self, request, *args, **kwargs):
        password = str(request.data.get("password", ""))
        token = issued_token(self.checked_user(request), password)
        if token is None:
            # The password changed while this request's was being checked: it is answered as
            # the password now stored answers it, and refused if it changed again meanwhile.
            token = issued_token(self.checked_user(request), password)
        if token is None:
            raise AuthenticationFailed
        return Response({"token": token.key})

    def checked_user(self, request):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            until = sign_in_paused_until(request, str(request.data.get("username", "")))
            if until is not None:
                raise SignInPaused(until) from None
            raise
        return serializer.validated_data["user"]

    def delete(self, request):
        if not request.user.is_authenticated:
            return Response(
                {"detail": "Authentication credentials were not provided."},
                status=status.HTTP_401_UNAUTHORIZED,
            )
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
