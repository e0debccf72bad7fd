"""The issue's scenarios on the demo data: what each demo login sees and does."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from deliverables.models import Deliverable
from projects.models import Objective, Project

pytestmark = pytest.mark.django_db


def client_for(username):
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username=username))
    return client


def test_partner_sees_dimesca_only_and_nothing_of_cocade(demo):
    partner = client_for("partner")
    projects = partner.get("/api/projects/").json()["results"]
    assert [p["acronym"] for p in projects] == ["DIMESCA"]

    cocade = Project.objects.get(acronym="COCADE")
    assert partner.get(f"/api/projects/{cocade.pk}/").status_code == 404
    assert partner.get(f"/api/projects/{cocade.pk}/progress/").status_code == 404
    for objective in cocade.objectives.all():
        assert partner.get(f"/api/objectives/{objective.pk}/").status_code == 404
        assert partner.get(f"/api/objectives/{objective.pk}/history/").status_code == 404
    assert partner.get(f"/api/objectives/?project={cocade.pk}").json()["count"] == 0
    vademecum = Deliverable.objects.get(project=cocade, code="IO2")
    assert partner.get(f"/api/deliverables/{vademecum.pk}/").status_code == 404


def test_partner_mine_lists_what_stiftung_digitale_chancen_leads_or_contributes_to(demo):
    response = client_for("partner").get("/api/deliverables/?mine=true")
    codes = {d["code"] for d in response.json()["results"]}
    sdc = "Stiftung Digitale Chancen"
    expected = set(
        Deliverable.objects.filter(lead_organisation__name=sdc).values_list("code", flat=True)
    ) | set(Deliverable.objects.filter(contributors__name=sdc).values_list("code", flat=True))
    assert codes == expected
    assert {"IO1.1", "IO1.2"} <= codes
    assert "IO3.1" not in codes  # led by FEUZ with others


def test_officer_marks_a_cocade_objective_achieved_and_the_history_shows_it(demo):
    officer = client_for("officer")
    objective = Objective.objects.get(project__acronym="COCADE", number=1)
    response = officer.patch(
        f"/api/objectives/{objective.pk}/",
        {"status": "achieved", "comment": "Training programme validated in Torino."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "achieved"

    history = officer.get(f"/api/objectives/{objective.pk}/history/").json()["results"]
    latest = history[0]
    assert (latest["from_status"], latest["to_status"]) == ("almost_achieved", "achieved")
    assert latest["changed_by"] == "officer"
    assert latest["comment"] == "Training programme validated in Torino."
    assert len(history) == 2  # the Marseille review, then this change


def test_coordinator_approves_a_submitted_deliverable(demo):
    plan = Deliverable.objects.get(project__acronym="DIMESCA", code="D4.1")
    assert plan.status == "submitted"
    response = client_for("coordinator").post(f"/api/deliverables/{plan.pk}/approve/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    plan.refresh_from_db()
    assert plan.approved_by.username == "coordinator"
    assert plan.approved_at is not None


def test_me_tells_each_login_its_role_per_project(demo):
    me = client_for("coordinator").get("/api/me/").json()
    assert {(p["acronym"], p["role"]) for p in me["projects"]} == {
        ("COCADE", "coordinator"),
        ("DIMESCA", "coordinator"),
        ("PATHWAYS", "coordinator"),
    }
    partner = client_for("partner").get("/api/me/").json()
    assert partner["projects"] == [
        {
            "id": Project.objects.get(acronym="DIMESCA").pk,
            "acronym": "DIMESCA",
            "role": "partner",
            "organisation": partner["organisations"][0]["id"],
        }
    ]
    assert partner["organisations"][0]["name"] == "Stiftung Digitale Chancen"
    assert partner["is_project_officer"] is False
    assert client_for("officer").get("/api/me/").json()["is_project_officer"] is True


def test_the_progress_of_cocade_after_its_end(demo):
    cocade = Project.objects.get(acronym="COCADE")
    progress = client_for("officer").get(f"/api/projects/{cocade.pk}/progress/").json()
    assert progress["objectives"]["total"] == 7
    assert progress["objectives"]["by_status"]["almost_achieved"] == 3
    assert progress["deliverables"]["by_status"]["in_progress"] == 1
    assert progress["deliverables_late"] == 1  # the Vademecum, due in November 2018
    assert progress["next_meeting"] is None
    assert progress["last_meeting"]["place"] == "Brussels"
