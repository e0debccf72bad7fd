"""Crafted and malformed input: refused with a message naming the field, never a 500."""

import pytest
from rest_framework.test import APIClient

from deliverables.models import Deliverable
from meetings.models import ActionItem


def test_a_partner_cannot_change_a_deliverable_however_the_payload_is_crafted(world, api):
    deliverable = world.own.rows["deliverables"]
    partner = api(world.users["partner"])
    for payload in [
        {"status": "approved"},
        {"project": world.other.project.pk},
        {"lead_organisation": world.own.coordinator_org.pk},
        {"approved_by": world.users["partner"].pk},
    ]:
        response = partner.patch(f"/api/deliverables/{deliverable.pk}/", payload, format="json")
        assert response.status_code == 403, payload
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.project, deliverable.approved_by) == (
        "planned",
        world.own.project,
        None,
    )


def test_a_coordinator_cannot_approve_or_move_through_a_plain_update(world, api):
    deliverable = world.own.rows["deliverables"]
    coordinator = api(world.users["coordinator"])
    url = f"/api/deliverables/{deliverable.pk}/"

    approved = coordinator.patch(url, {"status": "approved"}, format="json")
    assert approved.status_code == 400
    assert "/approve/" in approved.json()["status"][0]

    moved = coordinator.patch(url, {"project": world.other.project.pk}, format="json")
    assert moved.status_code == 400
    assert "project" in moved.json()

    ignored = coordinator.patch(url, {"approved_by": world.users["coordinator"].pk}, format="json")
    assert ignored.status_code == 200
    deliverable.refresh_from_db()
    assert deliverable.approved_by is None and deliverable.status == "planned"


def test_an_owner_updates_the_status_of_their_action_item_and_nothing_else(world, api):
    item = world.own.rows["action-items"]
    owner = api(world.users["partner"])
    url = f"/api/action-items/{item.pk}/"
    assert owner.patch(url, {"status": "done"}, format="json").status_code == 200
    refused = owner.patch(url, {"status": "open", "due_date": "2030-01-01"}, format="json")
    assert refused.status_code == 403
    assert "due_date" in refused.json()["detail"]
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE


def test_model_rules_apply_through_the_api_with_their_messages(world, api):
    coordinator = api(world.users["coordinator"])
    payload = {
        "project": world.own.project.pk,
        "code": "D7",
        "title": "Late guide",
        "due_date": "2030-01-01",
        "lead_organisation": world.own.coordinator_org.pk,
    }
    outside = coordinator.post("/api/deliverables/", payload, format="json")
    assert outside.status_code == 400
    assert "within the project's period" in outside.json()["due_date"][0]

    duplicate = coordinator.post(
        "/api/deliverables/", {**payload, "code": "D1", "due_date": "2023-01-31"}, format="json"
    )
    assert duplicate.status_code == 400
    assert "already has a deliverable with this code" in str(duplicate.json())

    # The spare organisation is in none of the coordinator's projects: it does not exist for them.
    stranger = coordinator.post(
        "/api/deliverables/",
        {**payload, "due_date": "2023-01-31", "lead_organisation": world.spare_organisation.pk},
        format="json",
    )
    assert stranger.status_code == 400
    assert "lead_organisation" in stranger.json()

    # A code is one line, as on the page: it reaches the review mails' subject.
    multi_line = coordinator.post(
        "/api/deliverables/", {**payload, "code": "D7\nBcc: x", "due_date": "2023-01-31"},
        format="json",
    )  # fmt: skip
    assert multi_line.status_code == 400
    assert "on one line" in multi_line.json()["code"][0]
    assert Deliverable.objects.filter(title="Late guide").count() == 0


def test_unknown_fields_are_named(world, api):
    response = api(world.users["officer"]).patch(
        f"/api/projects/{world.own.project.pk}/", {"titel": "typo"}, format="json"
    )
    assert response.status_code == 400
    assert "titel" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/projects/abc/",
        "/api/projects/99999999999999999999999/",
        "/api/deliverables/-1/",
        "/api/objectives/1%00/",
        "/api/deliverables/?page=999",
        "/api/deliverables/?page=abc",
    ],
)
def test_malformed_ids_and_pages_answer_404(world, api, url):
    response = api(world.users["officer"]).get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("project=abc", "project"),
        ("due_before=30-11-2018", "due_before"),
        ("due_after=2018-02-30", "due_after"),
        ("late=perhaps", "late"),
        ("status=finished", "status"),
        ("kind=%00", "kind"),
        ("country=F%00R", "country"),
    ],
)
def test_malformed_filters_answer_400_naming_the_filter(world, api, query, field):
    response = api(world.users["officer"]).get(f"/api/deliverables/?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize("size", ["0", "1001", "abc", "-1", "1.5", ""])
def test_a_page_size_out_of_bounds_is_refused_not_replaced(world, api, size):
    response = api(world.users["officer"]).get(f"/api/projects/?page_size={size}")
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_nul_bytes_and_broken_json_in_bodies_are_refused(world, api):
    officer = api(world.users["officer"])
    url = f"/api/projects/{world.own.project.pk}/"
    nul = officer.patch(url, {"title": "Broken\x00title"}, format="json")
    assert nul.status_code == 400
    assert "title" in nul.json()
    broken = officer.generic("PATCH", url, '{"title": ', content_type="application/json")
    assert broken.status_code == 400


def test_search_with_a_nul_byte_is_not_a_server_error(world, api):
    response = api(world.users["officer"]).get("/api/deliverables/?search=%00")
    assert response.status_code in (200, 400)


def test_filters_and_ordering_work_on_dates(world, api):
    officer = api(world.users["officer"])
    late = officer.get("/api/deliverables/?late=true&ordering=-due_date").json()
    assert late["count"] == 2  # both deliverables were due in 2023
    assert all(row["late"] for row in late["results"])
    assert officer.get("/api/deliverables/?due_after=2024-01-01").json()["count"] == 0
    assert officer.get(f"/api/deliverables/?project={world.own.project.pk}").json()["count"] == 1


def test_csrf_is_enforced_for_session_clients_and_not_for_tokens(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["officer"])
    url = f"/api/projects/{world.own.project.pk}/"
    refused = client.patch(url, {"title": "No CSRF token"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    client.get("/admin/")  # a page with a form (sign out) hands out the CSRF cookie
    csrf_token = client.cookies["csrftoken"].value
    accepted = client.patch(
        url, {"title": "With CSRF token"}, format="json", HTTP_X_CSRFTOKEN=csrf_token
    )
    assert accepted.status_code == 200, accepted.content


def test_a_token_is_issued_used_and_revoked(world):
    user = world.users["partner"]
    client = APIClient()
    wrong = client.post("/api/auth/token/", {"username": user.username, "password": "nope"})
    assert wrong.status_code == 400
    issued = client.post("/api/auth/token/", {"username": user.username, "password": "secret"})
    assert issued.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {issued.json()['token']}")
    assert client.get("/api/me/").json()["username"] == user.username
    assert client.delete("/api/auth/token/").status_code == 204
    assert client.get("/api/me/").status_code == 401


def test_anonymous_gets_only_the_schema_and_the_docs():
    client = APIClient()
    assert client.get("/api/me/").status_code == 401
    assert client.get("/api/projects/")["WWW-Authenticate"] == "Token"
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.django_db
def test_a_multipart_body_with_no_part_is_refused_not_taken_as_no_change(world):
    api = APIClient()
    api.force_authenticate(world.users["officer"])
    url = f"/api/projects/{world.own.project.pk}/"
    garbage = api.generic("PATCH", url, b"garbage", content_type="multipart/form-data; boundary=XX")
    assert garbage.status_code == 400
    assert "multipart" in garbage.json()["detail"]
    # An empty body is still "no change", as an empty JSON object is.
    assert (
        api.generic("PATCH", url, b"", content_type="multipart/form-data; boundary=XX").status_code
        == 200
    )
