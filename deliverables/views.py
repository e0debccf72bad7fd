from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from common import clock
from common.content_languages import all_version_names
from common.exports import CHUNK, FORMAT_PARAMETER, ExportableListMixin, batched
from common.filters import OwnQueryParameters
from common.pagination import CountedRows
from common.parsers import StrictMultiPartParser
from projects import access
from projects.viewsets import ProjectWorkViewSet

from .filters import DeliverableFilter, SubmissionFilter, WorkPackageFilter
from .models import Contribution, Deliverable, Submission, WorkPackage
from .serializers import (
    VALUE_FIELDS,
    ApproveSerializer,
    DeliverableSerializer,
    RequestChangesSerializer,
    ReviewSerializer,
    SubmissionSerializer,
    SubmitSerializer,
    WorkPackageSerializer,
    deliverable_rows,
    with_contributors,
)
from .services import approve_deliverable, request_changes, submit_deliverable
from .work_plan import remove_deliverable, remove_work_package


class WorkPackageViewSet(ProjectWorkViewSet):
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {
        "project": access.visible_projects,
        "lead_organisation": access.visible_organisations,
    }
    queryset = WorkPackage.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = WorkPackageSerializer
    filterset_class = WorkPackageFilter
    coordinators_may_write = True
    ordering_fields = ["position", "code", "created_at"]

    def get_queryset(self):
        return WorkPackage.objects.filter(
            project__in=access.visible_project_ids(self.request.user)
        ).order_by("project_id", "code")

    def perform_destroy(self, instance):
        remove_work_package(work_package=instance, by=self.request.user)


class DeliverableViewSet(ProjectWorkViewSet):
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {
        "project": access.visible_projects,
        "work_package": lambda user: WorkPackage.objects.filter(
            project__in=access.visible_project_ids(user)
        ),
        "lead_organisation": access.visible_organisations,
        "contributors": access.visible_organisations,
    }
    queryset = Deliverable.objects.none()
    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilter
    coordinators_may_write = True
    search_fields = ["code", *all_version_names("title")]
    ordering_fields = ["due_date", "code", "created_at", "updated_at"]

    def visible_deliverables(self):
        return Deliverable.objects.filter(
            project__in=access.visible_project_ids(self.request.user)
        ).order_by("due_date", "code", "pk")

    @staticmethod
    def labelled(deliverables):
        # Labels come as annotations, so no related row is loaded to name them.
        return deliverables.annotate(
            project_acronym=F("project__acronym"),
            lead_organisation_name=F("lead_organisation__short_name"),
        )

    def get_queryset(self):
        contributions = Contribution.objects.only("deliverable_id", "organisation_id")
        return self.labelled(self.visible_deliverables()).prefetch_related(
            Prefetch("contributions", queryset=contributions.order_by("pk"))
        )

    def perform_destroy(self, instance):
        remove_deliverable(deliverable=instance, by=self.request.user)

    def list(self, request, *args, **kwargs):
        # The list reads plain values rather than model instances: the same JSON as the
        # serializer writes (a test holds them equal), at a fraction of the cost per row.
        if FORMAT_PARAMETER in request.query_params:
            return self.export_list(request, self.visible_deliverables())
        # The filter form is built only when a filter is asked (common.filters.FiltersWhenGiven).
        deliverables = self.filter_queryset(self.visible_deliverables())
        values = with_contributors(self.labelled(deliverables).values(*VALUE_FIELDS))
        # The total is counted without the labels' joins, which cannot change it.
        page = self.paginate_queryset(CountedRows(values, counted=deliverables))
        rows = deliverable_rows(page, today=clock.today())
        return self.get_paginated_response(rows)

    def export_rows(self, deliverables):
        values = with_contributors(self.labelled(deliverables).values(*VALUE_FIELDS))
        for chunk in batched(values.iterator(chunk_size=CHUNK), CHUNK):
            yield from deliverable_rows(chunk, today=clock.today())

    @extend_schema(request=SubmitSerializer, responses={201: SubmissionSerializer})
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[StrictMultiPartParser, FormParser, JSONParser],
    )
    def submit(self, request, pk=None):
        """Hand the deliverable in as a link or a file upload (multipart, field `file`)."""
        deliverable = self.get_object()
        form = SubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        submission = submit_deliverable(  # refuses whoever may not hand it in
            deliverable=deliverable,
            submitted_by=request.user,
            link=form.validated_data.get("link", ""),
            upload=form.validated_data.get("file"),
            note=form.validated_data.get("note", ""),
        )
        return Response(
            SubmissionSerializer(submission, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ApproveSerializer, responses=DeliverableSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Accept a submitted deliverable (project officers and the project's coordinator),
        with an optional comment kept in its review history."""
        deliverable = self.get_object()
        form = ApproveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        approve_deliverable(  # refuses whoever may not approve
            deliverable=deliverable,
            approved_by=request.user,
            comment=form.validated_data.get("comment", ""),
        )
        return Response(self.get_serializer(deliverable).data)

    @extend_schema(request=RequestChangesSerializer, responses={201: ReviewSerializer})
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        """Send a submitted deliverable back to its lead with a comment saying what should
        change (project officers and the project's coordinator); the lead's contacts are
        mailed, and may submit again."""
        deliverable = self.get_object()
        form = RequestChangesSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        review = request_changes(  # refuses whoever may not review
            deliverable=deliverable,
            requested_by=request.user,
            comment=form.validated_data["comment"],
        )
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class SubmissionViewSet(OwnQueryParameters, ExportableListMixin, viewsets.ReadOnlyModelViewSet):
    """What was handed in for the deliverables one may see; files are downloaded, never shown."""

    queryset = Submission.objects.none()
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return (
            Submission.objects.filter(
                deliverable__project__in=access.visible_project_ids(self.request.user)
            )
            .select_related("submitted_by")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, url_path="download", url_name="download")
    def download(self, request, pk=None):
        submission = self.get_object()
        if not submission.file:
            raise Http404("This submission is a link, not a file.")
        try:
            stored = submission.file.open("rb")
        except FileNotFoundError:
            raise Http404("The file of this submission is missing from storage.") from None
        return FileResponse(
            stored,
            as_attachment=True,
            filename=submission.original_filename or submission.file.name.rsplit("/", 1)[-1],
            content_type="application/octet-stream",
        )
