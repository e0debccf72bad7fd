"""The sign-in rate is one limit for the whole system, not one per server process: two gunicorn
processes on the same database (and Redis, when there is one) count the same requests."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.core.cache import cache

from tests.factories import UserFactory
from tests.processes import service_environment, stop, web_server

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

RATE = 5


def ask_for_token(base_url: str) -> int:
    body = urllib.parse.urlencode({"username": "partner", "password": "secret"}).encode()
    try:
        with urllib.request.urlopen(f"{base_url}/api/auth/token/", body, timeout=10) as response:
            assert "token" in json.load(response)
            return response.status
    except urllib.error.HTTPError as refusal:
        return refusal.code


@pytest.fixture
def no_counts_left():
    """The servers commit their counters to the test database's cache table; the next test
    starts from none."""
    yield
    cache.clear()


@pytest.mark.parametrize("shared_by", ["database", "redis"])
def test_two_server_processes_share_one_sign_in_limit(shared_by, tmp_path, request, no_counts_left):
    # Hashed as production hashes, for the servers run on production settings.
    user = UserFactory(username="partner")
    user.password = make_password("secret", hasher=PBKDF2PasswordHasher())
    user.save()
    redis_url = request.getfixturevalue("redis_server").url if shared_by == "redis" else ""
    env = service_environment(
        tmp_path, REDIS_URL=redis_url, SIGN_IN_RATE=f"{RATE}/minute", ALLOWED_HOSTS="127.0.0.1"
    )
    servers = [web_server(env, tmp_path / f"web-{n}.log") for n in (1, 2)]
    try:
        answers = [ask_for_token(servers[n % 2][1]) for n in range(3 * RATE)]
    finally:
        for process, _ in servers:
            stop(process)
    # Counted per process, each server would have let RATE through: twice the limit.
    assert answers.count(200) == RATE, answers
    assert answers[RATE:] == [429] * (2 * RATE)
