"""What Django answers when no view could: JSON under /api/, the product's own pages elsewhere,
even with the database down."""

import json
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connections
from django.test import Client, RequestFactory

from common import errors

pytestmark = pytest.mark.django_db

TOO_LARGE = json.dumps({"username": "x" * 3_000_000, "password": "demo"})


def assert_api_error(response, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == {"detail"}, body
    return body["detail"]


def test_a_body_too_large_for_the_api_is_refused_in_json(client):
    response = client.post("/api/auth/token/", TOO_LARGE, content_type="application/json")
    assert "too large" in assert_api_error(response, 400)


def test_the_refusal_speaks_the_readers_language(client):
    response = client.post(
        "/api/auth/token/", TOO_LARGE, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "trop" in assert_api_error(response, 400)


def test_an_unknown_api_address_answers_json(client):
    assert assert_api_error(client.get("/api/no-such-thing/"), 404) == "Not found."


def test_a_refusal_raised_outside_the_api_views_keeps_its_message():
    request = RequestFactory().get("/api/projects/")
    refusal = PermissionDenied("Only project officers may change this.")
    response = errors.permission_denied(request, refusal)
    assert assert_api_error(response, 403) == "Only project officers may change this."


def test_pages_answer_with_the_products_own_pages(client):
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert b"Not found \xc2\xb7 Erasmus+ project tracker" in not_found.content

    too_large = client.post(
        "/accounts/login/", {"username": "x" * 3_000_000}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert too_large.status_code == 400
    assert "Requête incorrecte" in too_large.content.decode()


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")


def database_down():
    """Every query fails as it would with PostgreSQL stopped."""
    refused = OperationalError("connection to server at 127.0.0.1, port 5432 failed")
    return mock.patch.object(type(connections["default"]), "_cursor", side_effect=refused)


def test_with_the_database_down_the_api_answers_json(world):
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION="Token 0123abcd")
    with database_down():
        response = client.get("/api/projects/")
    assert assert_api_error(response, 500) == "A server error occurred."


def test_with_the_database_down_a_signed_in_page_is_the_products_own(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["partner"])
    with database_down():
        response = client.get("/my-work/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<title>Un problème est survenu · Suivi des projets Erasmus+</title>" in page
    assert "Traceback" not in page
