"""Schemathesis sends generated requests to every operation of the OpenAPI schema, signed in
as a partner, a coordinator and an officer, with every check (bench/schemathesis.toml): no
server error, no undocumented status, content type or header, no response that breaks the
schema, invalid data refused and valid data accepted, no operation that ignores a missing or
wrong token. Fixed seed and a bounded number of examples, so a run is repeatable; the full run
is `python -m bench.fuzz`."""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from bench.fuzz import LEFT_OUT
from config.wsgi import application

pytestmark = pytest.mark.fuzz

CONFIG = SchemathesisConfig.from_path(Path(__file__).parents[2] / "bench" / "schemathesis.toml")
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)
schema = schema.exclude(name=LEFT_OUT)


@pytest.fixture(autouse=True)
def the_test_keeps_its_connection():
    """The WSGI app closes the database connection after each request, as a server should;
    the test's own connection, inside its transaction, must stay (as Django's test client
    arranges)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["partner", "coordinator", "officer"])
def token(request, world) -> str:
    return Token.objects.create(user=world.users[request.param]).key


@schema.parametrize()
@settings(
    max_examples=8,
    derandomize=True,  # the same examples on every run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)  # fmt: skip
def test_the_api_keeps_its_schema_and_its_locks(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"})
