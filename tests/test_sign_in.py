"""Repeated failed sign-ins are throttled, for that name from that address only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client):
    UserFactory(username="partner", is_staff=True)
    UserFactory(username="officer", is_staff=True)
    for _ in range(4):
        assert sign_in(client, "partner", "wrong").status_code == 200  # the form again
    assert sign_in(client, "partner", "wrong").status_code == 429  # the fifth failure locks
    locked = sign_in(client, "partner", "secret")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    other = sign_in(client, "officer", "secret")
    assert other.status_code == 302  # someone else is not affected


def test_a_success_before_the_limit_starts_the_count_again(client):
    UserFactory(username="partner", is_staff=True)
    for _ in range(4):
        sign_in(client, "partner", "wrong")
    assert sign_in(client, "partner", "secret").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "partner", "wrong")
    assert sign_in(client, "partner", "secret").status_code == 302


def test_the_api_token_endpoint_is_throttled_too(client):
    UserFactory(username="partner")
    for _ in range(5):
        client.post("/api/auth/token/", {"username": "partner", "password": "wrong"})
    response = client.post("/api/auth/token/", {"username": "partner", "password": "secret"})
    assert response.status_code in (400, 429)  # the right password no longer yields a token
    assert "token" not in response.json()


def test_a_paused_name_is_told_so_and_until_when_by_the_api(client, settings):
    settings.TIME_ZONE = "UTC"
    UserFactory(username="partner")
    for _ in range(5):
        client.post("/api/auth/token/", {"username": "partner", "password": "wrong"})
    before = timezone.now()
    response = client.post("/api/auth/token/", {"username": "partner", "password": "secret"})

    assert response.status_code == 429
    detail = response.json()["detail"]
    assert "paused until" in detail and "Unable to log in" not in detail
    until = before + timedelta(hours=settings.AXES_COOLOFF_TIME)
    assert f"{until:%H}:" in detail and str(until.year) in detail
    assert 3500 < int(response["Retry-After"]) <= 3600
