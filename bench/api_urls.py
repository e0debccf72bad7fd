"""The project's URLs plus the baselines: each list's rows through values() and JsonResponse,
and a trivial render() through the same middleware."""

from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import include, path

from deliverables.models import Deliverable
from deliverables.serializers import VALUE_FIELDS
from projects import access
from projects.authentication import OfficerAwareTokenAuthentication

TRIVIAL = engines["django"].from_string("<!doctype html><title>{{ user.username }}</title>")


def signed_in(request) -> bool:
    """Signed in by a session, or by the API's token (the same lookup as the endpoints'), so
    that a bare view and its endpoint can be held against each other with one credential."""
    if request.user.is_authenticated:
        return True
    found = OfficerAwareTokenAuthentication().authenticate(request)
    if found:
        request.user = found[0]
    return found is not None


def bare_deliverables(request):
    if not signed_in(request):
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


def bare_list(request, resource: str):
    """The list's own scope, filter and order (its viewset's get_queryset), own-table columns
    only, no serializer, no paging, no count: the floor an endpoint can be held against."""
    from config.urls import router

    if not signed_in(request):
        return JsonResponse({"detail": "sign in"}, status=401)
    viewset = next(v for prefix, v, _ in router.registry if prefix == resource)
    view = viewset(request=request, action="list", format_kwarg=None, kwargs={})
    rows = view.get_queryset().prefetch_related(None)
    columns = [field.attname for field in rows.model._meta.concrete_fields]
    size = int(request.GET.get("page_size", 50))
    return JsonResponse({"results": list(rows.values(*columns)[:size])})


def trivial(request):
    return HttpResponse(TRIVIAL.render({}, request))


urlpatterns = [
    path("bench/bare-deliverables/", bare_deliverables),
    path("bench/bare/<str:resource>/", bare_list),
    path("bench/trivial/", trivial),
    path("", include("config.urls")),
]
