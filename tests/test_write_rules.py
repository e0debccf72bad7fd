"""Each service enforces its own write rule (projects.access): called directly by the wrong
person, it refuses and changes nothing; the right person goes through."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from deliverables.models import Deliverable
from deliverables.services import approve_deliverable, submit_deliverable
from meetings.models import ActionItem
from meetings.services import complete_action_item, set_action_item_status
from newsletters.models import NewsletterIssue
from newsletters.sending import publish_issue
from newsletters.services import save_draft
from projects.models import Objective, Partnership
from projects.services import change_objective_status, remove_partnership
from tests.factories import DeliverableFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
LINK = "https://example.org/guide.pdf"


def test_only_the_lead_the_coordinator_or_an_officer_submit(world):
    theirs = DeliverableFactory(
        project=world.own.project, code="D2", lead_organisation=world.own.coordinator_org
    )
    outsider = world.other.people[0].user
    for user in (world.users["partner"], outsider):
        with pytest.raises(PermissionDenied):
            submit_deliverable(deliverable=theirs, submitted_by=user, link=LINK)
    assert not theirs.submissions.exists()
    submit_deliverable(deliverable=theirs, submitted_by=world.users["coordinator"], link=LINK)
    assert theirs.submissions.count() == 1


def test_only_the_coordinator_or_an_officer_approve(world):
    deliverable = world.own.rows["deliverables"]
    submit_deliverable(deliverable=deliverable, submitted_by=world.users["partner"], link=LINK)
    for user in (world.users["partner"], world.other.people[0].user):
        with pytest.raises(PermissionDenied):
            approve_deliverable(deliverable=deliverable, approved_by=user)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED
    approve_deliverable(deliverable=deliverable, approved_by=world.users["coordinator"])
    assert deliverable.status == Deliverable.Status.APPROVED


def test_only_the_owner_or_whoever_runs_the_project_completes_an_action_item(world):
    item = world.own.rows["action-items"]  # owned by the partner's contact
    with pytest.raises(PermissionDenied):
        complete_action_item(item=item, completed_by=world.other.people[0].user)
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN
    complete_action_item(item=item, completed_by=world.users["partner"])
    assert item.status == ActionItem.Status.DONE


def test_the_owners_status_change_through_the_api_goes_through_the_service(world, monkeypatch):
    item = world.own.rows["action-items"]
    calls = []
    monkeypatch.setattr(
        "meetings.views.set_action_item_status", lambda **kwargs: calls.append(kwargs)
    )
    owner = APIClient()
    owner.force_authenticate(world.users["partner"])
    answer = owner.patch(f"/api/action-items/{item.pk}/", {"status": "done"}, format="json")
    assert answer.status_code == 200
    assert calls == [{"item": item, "status": "done", "changed_by": world.users["partner"]}]


def test_only_the_owner_or_whoever_runs_the_project_moves_an_action_item_on(world):
    item = world.own.rows["action-items"]
    with pytest.raises(PermissionDenied):
        set_action_item_status(
            item=item, status="in_progress", changed_by=world.other.people[0].user
        )
    set_action_item_status(item=item, status="in_progress", changed_by=world.users["partner"])
    item.refresh_from_db()
    assert item.status == ActionItem.Status.IN_PROGRESS


def test_only_editors_draft_and_publish_the_newsletter(world):
    period = {"first": world.own.project.start_date, "last": world.own.project.end_date}
    with pytest.raises(PermissionDenied):
        save_draft(**period, language="en", drafted_by=world.users["coordinator"])
    issue = save_draft(**period, language="en", drafted_by=world.users["officer"])
    issue.status = NewsletterIssue.Status.APPROVED
    issue.save()
    with pytest.raises(PermissionDenied):
        publish_issue(issue=issue, published_by=world.users["coordinator"])
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.APPROVED
    publish_issue(issue=issue, published_by=world.users["officer"])
    assert issue.status == NewsletterIssue.Status.PUBLISHED


def test_only_officers_change_an_objective_status(world):
    objective = world.own.rows["objectives"]
    with pytest.raises(PermissionDenied):
        change_objective_status(
            objective=objective, status="achieved", changed_by=world.users["coordinator"]
        )
    objective.refresh_from_db()
    assert objective.status == Objective.Status.NOT_STARTED
    change_objective_status(
        objective=objective, status="achieved", changed_by=world.users["officer"]
    )
    assert objective.status_changes.get().changed_by == world.users["officer"]


def test_only_officers_take_a_partner_out_of_a_project(world):
    idle = PartnershipFactory(project=world.own.project)
    with pytest.raises(PermissionDenied):
        remove_partnership(partnership=idle, removed_by=world.users["coordinator"])
    assert Partnership.objects.filter(pk=idle.pk).exists()
    remove_partnership(partnership=idle, removed_by=world.users["officer"])
    assert not Partnership.objects.filter(pk=idle.pk).exists()


def test_the_api_and_the_pages_answer_a_refusal_with_its_reason(world, client):
    deliverable = world.own.rows["deliverables"]
    submit_deliverable(deliverable=deliverable, submitted_by=world.users["partner"], link=LINK)
    api = APIClient()
    api.force_authenticate(world.users["partner"])
    response = api.post(f"/api/deliverables/{deliverable.pk}/approve/")
    assert response.status_code == 403
    assert "coordinator approve" in response.json()["detail"]
    client.force_login(world.users["partner"])
    assert client.post(f"/deliverables/{deliverable.pk}/approve/").status_code == 403
