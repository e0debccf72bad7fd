"""A query string longer than the web server reads is refused by gunicorn itself, as the schema
documents: 414 with a short HTML page, before Django sees the request."""

import urllib.error
import urllib.request

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.processes import service_environment, stop, web_server

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_an_overlong_query_is_answered_as_the_schema_says(tmp_path):
    env = service_environment(tmp_path, ALLOWED_HOSTS="127.0.0.1")
    server, base_url = web_server(env, tmp_path / "web.log")
    try:
        with pytest.raises(urllib.error.HTTPError) as refusal:
            urllib.request.urlopen(f"{base_url}/api/deliverables/?search={'x' * 6000}", timeout=10)
    finally:
        stop(server)
    documented = SchemaGenerator().get_schema(request=None, public=True)
    answer = documented["paths"]["/api/deliverables/"]["get"]["responses"][str(refusal.value.code)]
    assert refusal.value.code == 414
    assert refusal.value.headers.get_content_type() in answer["content"]
