"""The project's URLs plus the baseline: the same rows through values() and JsonResponse."""

from django.db.models import F
from django.http import JsonResponse
from django.urls import include, path

from deliverables.models import Deliverable
from deliverables.serializers import VALUE_FIELDS
from projects import access


def bare_deliverables(request):
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "sign in"}, status=401)
    size = int(request.GET.get("page_size", 50))
    rows = (
        Deliverable.objects.filter(project__in=access.visible_project_ids(request.user))
        .annotate(
            project_acronym=F("project__acronym"),
            lead_organisation_name=F("lead_organisation__short_name"),
        )
        .order_by("due_date", "code", "pk")
    )
    # The same columns as the endpoint's rows, with nothing computed and no paging.
    return JsonResponse({"results": list(rows.values(*VALUE_FIELDS)[:size])})


urlpatterns = [
    path("bench/bare-deliverables/", bare_deliverables),
    path("", include("config.urls")),
]
