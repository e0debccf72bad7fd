import re
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_openapi_schema_validates_without_a_warning(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"),
        stderr=StringIO(),
    )  # fmt: skip
    schema = (tmp_path / "schema.yml").read_text()
    for path in ["/api/deliverables/{id}/submit/", "/api/objectives/{id}/history/",
                 "/api/projects/{id}/progress/", "/api/projects/{id}/budget/", "/api/me/",
                 "/api/auth/token/"]:  # fmt: skip
        assert f"{path}:" in schema


@pytest.mark.django_db
def test_the_docs_page_loads_everything_from_this_server():
    page = APIClient().get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in asset for asset in assets)
    assert not [asset for asset in assets if asset.startswith(("http:", "https:", "//"))]


@pytest.mark.django_db
def test_the_docs_assets_are_served_by_the_project(client, settings, tmp_path):
    # As in production: collectstatic, then whitenoise serves the collected files.
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", stdout=StringIO())
    html = client.get("/api/docs/").content.decode()
    bundle = re.search(r'src="([^"]*swagger-ui-bundle\.js)"', html).group(1)
    assert client.get(bundle).status_code == 200


def test_no_description_is_a_docstring_written_for_the_engineers():
    """drf-spectacular describes a component or an operation by the first docstring it finds
    among its classes: a serializer without one of its own was described by how its fields
    are copied (common.schema.lib_doc_excludes)."""
    import inspect

    from drf_spectacular.generators import SchemaGenerator

    from common import filters, serializers

    schema = SchemaGenerator().get_schema(request=None, public=True)
    described = [c.get("description", "") for c in schema["components"]["schemas"].values()]
    described += [
        operation.get("description", "")
        for operations in schema["paths"].values()
        for operation in operations.values()
    ]
    internal = {
        inspect.cleandoc(cls.__doc__).splitlines()[0]
        for module in (serializers, filters)
        for cls in vars(module).values()
        if isinstance(cls, type) and cls.__module__ == module.__name__ and cls.__doc__
    }
    leaked = {first for first in internal for text in described if first in text}
    assert leaked == set()
    assert not [text for text in described if "get_queryset()" in text]
