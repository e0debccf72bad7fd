"""Schemathesis sends generated requests to every operation of the OpenAPI schema, signed in
as a partner, a coordinator and an officer, with every check (bench/schemathesis.toml): no
server error, no undocumented status, content type or header, no response that breaks the
schema, invalid data refused and valid data accepted, no operation that ignores a missing or
wrong token. Fixed seed and a bounded number of examples, so a run is repeatable; the full run
is `python -m bench.fuzz`.

The coverage phase (each field at its bounds, just past them, missing, of the wrong type, with
properties it does not have) sends some 3,000 requests to a large operation, nine in ten of
the share's time. It runs as the officer, whom every operation lets through to its
validation; the partner and the coordinator, whom many refuse first, are sent the schema's
examples and generated requests."""

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

CONFIG_FILE = Path(__file__).parents[2] / "bench" / "schemathesis.toml"


def schema_with(*, coverage: bool):
    config = SchemathesisConfig.from_path(CONFIG_FILE)
    config.projects.default.phases.coverage.enabled = coverage
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=config)
    return schema.exclude(name=LEFT_OUT)


every_bound = schema_with(coverage=True)
sampled = schema_with(coverage=False)
SETTINGS = settings(
    max_examples=8,
    derandomize=True,  # the same examples on every run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)  # fmt: skip


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


@pytest.fixture
def officer_token(world) -> str:
    return Token.objects.create(user=world.users["officer"]).key


@sampled.parametrize()
@SETTINGS
def test_the_api_keeps_its_schema_and_its_locks(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"})


@every_bound.parametrize()
@SETTINGS
def test_the_api_keeps_its_schema_at_every_bound_for_an_officer(case, officer_token):
    case.call_and_validate(headers={"Authorization": f"Token {officer_token}"})
