from drf_spectacular.utils import extend_schema
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from common import clock
from common.filters import OwnQueryParameters
from projects import access

from .selectors import project_progress
from .serializers import ProgressSerializer


class ProjectProgressView(OwnQueryParameters, APIView):
    """Objectives by status, deliverables by status and late, next deadlines and meetings."""

    @extend_schema(responses=ProgressSerializer, operation_id="projects_progress_retrieve")
    def get(self, request, pk: str):
        project = get_object_or_404(access.visible_projects(request.user), pk=pk)
        progress = project_progress([project.pk], today=clock.today())[project.pk]
        return Response(ProgressSerializer(progress).data)
