"""Schemathesis sends generated requests to every operation of the OpenAPI schema, signed in
as a partner and as a coordinator: no server error, no response that breaks the schema, no
operation that ignores a missing or wrong token. Fixed seed and a bounded number of examples,
so a run is repeatable and takes a minute."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import ignored_auth, response_schema_conformance

from config.wsgi import application

pytestmark = pytest.mark.fuzz

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
CHECKS = [not_a_server_error, response_schema_conformance, ignored_auth]


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


@pytest.fixture(params=["partner", "coordinator"])
def token(request, world) -> str:
    return Token.objects.create(user=world.users[request.param]).key


@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,  # the same examples on every run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)  # fmt: skip
def test_the_api_keeps_its_schema_and_its_locks(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
