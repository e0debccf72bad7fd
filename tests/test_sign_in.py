"""Repeated failed sign-ins are throttled, for that name from that address only."""

import pytest

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
