from drf_spectacular.utils import extend_schema
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from common import clock
from common.filters import OwnQueryParameters
from projects import access

from .earning import BudgetFigures, budget_figures
from .serializers import BudgetFiguresSerializer


class ProjectBudgetView(OwnQueryParameters, APIView):
    """The project's budget: per work package (or heading) and partner, planned, earned and at
    risk, with why."""

    @extend_schema(responses=BudgetFiguresSerializer, operation_id="projects_budget_retrieve")
    def get(self, request, pk: str):
        project = get_object_or_404(access.visible_projects(request.user), pk=pk)
        figures = budget_figures([project.pk], today=clock.today()).get(project.pk)
        if figures is None:
            figures = BudgetFigures(project.pk, None, False)
        return Response(BudgetFiguresSerializer(figures).data)
