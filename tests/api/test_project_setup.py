"""An officer sets up a whole project through the API alone, reusing known organisations."""

import pytest
from rest_framework.test import APIClient

from projects.models import Project
from projects.roles import ensure_officer_group
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def created(response):
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_an_officer_sets_up_project_consortium_and_work_plan():
    officer = UserFactory(is_staff=True)
    officer.groups.add(ensure_officer_group())
    api = APIClient()
    api.force_authenticate(officer)
    known = OrganisationFactory(name="Città dei mestieri di Milano e della Lombardia", country="IT")

    project = created(api.post("/api/projects/", {
        "acronym": "GUIDE4ALL", "title": "Guidance for all", "action": "KA220-ADU",
        "reference_number": "2024-1-FR01-KA220-ADU-000123456", "start_date": "2024-11-01",
        "end_date": "2026-10-31", "eu_grant": "250000.00",
    }, format="json"))  # fmt: skip
    network = created(api.post("/api/organisations/", {
        "name": "Réseau international des Cités des métiers", "short_name": "Network",
        "country": "FR", "oid": "E10123456",
    }, format="json"))  # fmt: skip
    contact = created(api.post("/api/people/", {
        "first_name": "Anne", "last_name": "Lefort", "email": "anne.lefort@example.org",
        "organisation": network, "preferred_language": "fr",
    }, format="json"))  # fmt: skip
    created(api.post("/api/partnerships/", {
        "project": project, "organisation": network, "role": "coordinator", "contacts": [contact],
    }, format="json"))  # fmt: skip
    created(
        api.post(
            "/api/partnerships/", {"project": project, "organisation": known.pk}, format="json"
        )
    )
    created(
        api.post(
            "/api/objectives/", {"project": project, "number": 1, "title": "Train"}, format="json"
        )
    )
    package = created(api.post("/api/work-packages/", {
        "project": project, "code": "PR1", "title": "Training", "lead_organisation": known.pk,
    }, format="json"))  # fmt: skip
    deliverable = created(api.post("/api/deliverables/", {
        "project": project, "work_package": package, "code": "PR1.1", "title": "Curriculum",
        "kind": "training", "lead_organisation": known.pk, "contributors": [network],
        "due_date": "2025-06-30",
    }, format="json"))  # fmt: skip
    meeting = created(api.post("/api/meetings/", {
        "project": project, "kind": "kick_off", "title": "Kick-off meeting",
        "start_date": "2024-12-03", "end_date": "2024-12-04", "city": "Milano", "country": "IT",
        "host_organisation": known.pk, "participants": [contact],
    }, format="json"))  # fmt: skip
    created(api.post("/api/action-items/", {
        "meeting": meeting, "description": "Share the curriculum outline", "owner": contact,
        "due_date": "2025-01-15",
    }, format="json"))  # fmt: skip

    setup = Project.objects.get(pk=project)
    assert setup.partnerships.count() == 2
    assert (
        setup.partnerships.get(role="coordinator").contacts.get().email == "anne.lefort@example.org"
    )
    assert list(
        setup.deliverables.get(pk=deliverable).contributors.values_list("pk", flat=True)
    ) == [network]
    progress = api.get(f"/api/projects/{project}/progress/").json()
    assert progress["objectives"]["total"] == 1
    assert progress["deliverables"]["total"] == 1


def officer_api():
    officer = UserFactory(is_staff=True)
    officer.groups.add(ensure_officer_group())
    api = APIClient()
    api.force_authenticate(officer)
    return api, officer


def test_an_officer_sets_the_officer_in_charge_and_lead_times_through_the_api(world):
    api, officer = officer_api()
    url = f"/api/projects/{world.own.project.pk}/"
    response = api.patch(url, {
        "officer": officer.pk, "deadline_reminder_days": [45, 10], "meeting_reminder_days": [3],
    }, format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["officer"], body["deadline_reminder_days"]) == (officer.pk, [45, 10])
    project = Project.objects.get(pk=world.own.project.pk)
    assert project.meeting_reminder_days == [3]


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"deadline_reminder_days": [30, 30]}, "deadline_reminder_days", "may appear once"),
        ({"deadline_reminder_days": [0]}, "deadline_reminder_days", "between 1 and 365"),
        ({"meeting_reminder_days": []}, "meeting_reminder_days", "cannot be blank"),
        ({"meeting_reminder_days": "14"}, "meeting_reminder_days", "a list"),
        ({"officer": "coordinator"}, "officer", "must be an active project officer"),
        # A constraint of two fields: its words come without a field, as for the start.
        ({"interim_report_due": "2099-12-31"}, "__all__", "due after the end"),
        ({"end_date": "2023-01-31"}, "end_date", "D1 would fall outside the project"),
    ],
)
def test_the_api_refuses_what_the_pages_refuse(world, payload, field, words):
    api, _ = officer_api()
    if payload.get("officer") == "coordinator":
        payload = {"officer": world.users["coordinator"].pk}
    response = api.patch(f"/api/projects/{world.own.project.pk}/", payload, format="json")
    assert response.status_code == 400
    assert any(words in message for message in response.json()[field]), response.json()
    project = Project.objects.get(pk=world.own.project.pk)
    assert project.officer_id is None and project.deadline_reminder_days == [30, 7, 1]


def test_a_coordinator_cannot_set_lead_times(world):
    api = APIClient()
    api.force_authenticate(world.users["coordinator"])
    response = api.patch(
        f"/api/projects/{world.own.project.pk}/", {"deadline_reminder_days": [2]}, format="json"
    )
    assert response.status_code == 403
