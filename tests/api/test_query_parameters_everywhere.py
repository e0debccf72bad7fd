"""Every operation of the API refuses a query parameter it does not read (400, naming it), not
only the lists and single rows: ignored, `?pag=2` on an objective's history answered its first
page, and `?dry_run=true` on a creation created."""

import pytest
from django.urls import URLResolver, get_resolver
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import APIRootView

from common.filters import UNKNOWN_PARAMETER, OwnQueryParameters
from deliverables.models import Deliverable

pytestmark = pytest.mark.django_db

# Django's and the libraries' own pages, which read their own parameters (`?format=`, `?lang=`).
THEIRS = (SpectacularAPIView, SpectacularSwaggerView, APIRootView)


def api_views():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), getattr(pattern.callback, "cls", None)

    return {view for route, view in walk(get_resolver().url_patterns) if route.startswith("api/")}


def test_every_view_of_the_api_refuses_parameters_it_does_not_read():
    views = api_views() - {None}
    assert len(views) > 15
    assert [
        view.__name__ for view in views if not issubclass(view, (OwnQueryParameters, *THEIRS))
    ] == []


@pytest.mark.parametrize(
    "address",
    [
        "/api/objectives/{objective}/history/?pag=2",
        "/api/projects/{project}/budget/?year=2023",
        "/api/projects/{project}/progress/?late=true",
        "/api/me/?project={project}",
    ],
)
def test_a_read_of_its_own_refuses_a_parameter_it_does_not_have(world, api, address):
    url = address.format(project=world.own.project.pk, objective=world.own.rows["objectives"].pk)
    response = api(world.users["coordinator"]).get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("=")[0]
    assert response.json() == {name: [UNKNOWN_PARAMETER]}


def test_the_parameters_an_operation_reads_are_taken(world, api):
    objective = world.own.rows["objectives"]
    response = api(world.users["coordinator"]).get(
        f"/api/objectives/{objective.pk}/history/?page=1&page_size=10"
    )
    assert response.status_code == 200


def test_a_write_refuses_a_parameter_and_writes_nothing(world, api):
    deliverable = world.own.rows["deliverables"]
    response = api(world.users["officer"]).patch(
        f"/api/deliverables/{deliverable.pk}/?dry_run=true", {"title": "Changed"}, format="json"
    )
    assert response.status_code == 400
    assert Deliverable.objects.get(pk=deliverable.pk).title == deliverable.title


def test_who_may_not_ask_hears_so_first(world, api):
    response = api(None).get(f"/api/projects/{world.own.project.pk}/budget/?year=2023")
    assert response.status_code in (401, 403)


def test_a_method_an_operation_lacks_is_still_answered_405(world, api):
    response = api(world.users["officer"]).generic("TRACE", "/api/meetings/?page=1&format=csv")
    assert response.status_code == 405
