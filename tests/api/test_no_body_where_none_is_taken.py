"""Every operation declared `takes_body=False` refuses a body (400, naming its fields) rather
than ignore it, and the schema shows it with none: {"dry_run": true} sent to a newsletter's
publish had the issue sent to every subscriber."""

import re

import pytest
from django.urls import URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

NO_SUCH_ROW = 2**31


def operations_taking_no_body() -> list[tuple[str, str]]:
    """(route, method) of every API operation declared to take no body."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    found = []
    for route, pattern in walk(get_resolver().url_patterns):
        view = pattern.callback
        if not route.startswith("api/") or not hasattr(view, "cls"):
            continue
        takes_body = getattr(view, "initkwargs", {}).get(
            "takes_body", getattr(view.cls, "takes_body", True)
        )
        if not takes_body:
            actions = getattr(view, "actions", None)  # a viewset's; a view's are its own
            methods = actions or [m for m in ("post", "put", "patch") if hasattr(view.cls, m)]
            found += [(route, method) for method in methods]
    return sorted(found)


OPERATIONS = operations_taking_no_body()


def address(route: str, pk) -> str:
    """The route's address for a row (the router's routes are regular expressions)."""
    return "/" + re.sub(r"\(\?P<pk>[^)]*\)", str(pk), route).replace("^", "").replace("$", "")


EACH_OPERATION = pytest.mark.parametrize(
    ("route", "method"),
    OPERATIONS,
    ids=[f"{method} {address(route, '{id}')}" for route, method in OPERATIONS],
)


def test_the_operations_that_take_no_body_are_found():
    assert {
        ("/api/meeting-guests/1/erase/", "post"),
        ("/api/newsletters/1/approve/", "post"),
        ("/api/newsletters/1/publish/", "post"),
    } <= {(address(route, 1), method) for route, method in OPERATIONS}


@EACH_OPERATION
@pytest.mark.parametrize("body_format", ["json", "multipart"])
def test_each_refuses_a_body_before_anything_else(officer, api, route, method, body_format):
    """Refused before the row is even looked up, so nothing the operation does can happen."""
    response = getattr(api(officer), method)(
        address(route, NO_SUCH_ROW), {"dry_run": "true"}, format=body_format
    )
    assert response.status_code == 400
    assert response.json() == {"dry_run": ["Unknown field; see the schema at /api/docs/."]}


@EACH_OPERATION
@pytest.mark.parametrize("body", [None, {}], ids=["nothing", "an empty object"])
def test_each_goes_on_without_a_body(officer, api, route, method, body):
    response = getattr(api(officer), method)(address(route, NO_SUCH_ROW), body, format="json")
    assert response.status_code == 404  # the row was looked for


@EACH_OPERATION
def test_a_method_the_operation_lacks_is_still_answered_405(officer, api, route, method):
    lacking = "patch" if method == "put" else "put"
    response = getattr(api(officer), lacking)(
        address(route, NO_SUCH_ROW), {"dry_run": True}, format="json"
    )
    assert response.status_code == 405


def test_the_schema_shows_each_with_no_body():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for route, method in OPERATIONS:
        path = address(route, 0).replace("/0/", "/{id}/")
        operation = paths[path][method]
        assert "requestBody" not in operation, (method, path)
        assert "400" in operation["responses"], (method, path)
