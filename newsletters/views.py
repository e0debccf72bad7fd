import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from common.exports import ExportableListMixin
from common.filters import BodyOnlyWhereTaken, OwnQueryParameters
from projects import access

from .exports import issue_download
from .models import NewsletterIssue
from .sending import publish_issue
from .serializers import DraftRequestSerializer, ExportSerializer, NewsletterIssueSerializer
from .services import approve_issue, save_draft, save_edit


class IsProjectOfficer(BasePermission):
    message = "Only project officers edit the newsletter."

    def has_permission(self, request, view):
        return access.is_officer(request.user)


class NewsletterIssueFilter(django_filters.FilterSet):
    """The filters `filterset_fields` would give, made once: django-filter makes a class for
    those again at every request, a fifth of the time a page of 50 issues takes beyond the
    rows."""

    class Meta:
        model = NewsletterIssue
        fields = ["language", "status"]


class NewsletterIssueViewSet(
    OwnQueryParameters,
    BodyOnlyWhereTaken,
    ExportableListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Newsletter drafts: drafted from the data, edited and approved by the editors."""

    queryset = NewsletterIssue.objects.select_related("approved_by")
    serializer_class = NewsletterIssueSerializer
    permission_classes = [IsProjectOfficer]
    filterset_class = NewsletterIssueFilter
    ordering_fields = ["period_start", "updated_at"]

    def perform_update(self, serializer):
        """The editor's version goes through the editorial rules, as on the pages."""
        content = serializer.validated_data.get("edited_content")
        if content is not None:
            save_edit(issue=serializer.instance, content=content, edited_by=self.request.user)

    @extend_schema(request=DraftRequestSerializer, responses={201: NewsletterIssueSerializer})
    def create(self, request):
        """Draft (or draft again) the issue of a period and language."""
        form = DraftRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        issue = save_draft(
            first=data["period_start"], last=data["period_end"], language=data["language"],
            confirm=data["confirm"], drafted_by=request.user,
        )  # fmt: skip
        return Response(self.get_serializer(issue).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=NewsletterIssueSerializer)
    @action(detail=True, methods=["post"], takes_body=False)
    def approve(self, request, pk=None):
        issue = self.get_object()
        issue = approve_issue(issue=issue, approved_by=request.user)
        return Response(self.get_serializer(issue).data)

    @extend_schema(responses=NewsletterIssueSerializer)
    @action(detail=True, methods=["post"], takes_body=False)
    def publish(self, request, pk=None):
        """Send the approved issue to its confirmed subscribers (once each)."""
        issue = self.get_object()
        publish_issue(issue=issue, published_by=request.user)
        issue.refresh_from_db()
        return Response(self.get_serializer(issue).data)

    @extend_schema(
        parameters=[OpenApiParameter("output", str, enum=["md", "html", "pdf"])],
        responses={
            (200, media): bytes for media in ("text/markdown", "text/html", "application/pdf")
        },
    )
    @action(detail=True, query_parameters=("output",))
    def export(self, request, pk=None):
        """The issue as it goes out (the editor's version if any): Markdown, HTML or PDF."""
        form = ExportSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        issue = self.get_object()
        fmt = form.validated_data["output"]
        return issue_download(issue, fmt)
