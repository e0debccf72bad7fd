"""The services that change a project record it and tell the people concerned."""

import pytest
from rest_framework.test import APIClient

from activity.models import Event
from deliverables.services import approve_deliverable, request_changes, submit_deliverable
from projects.models import Partnership
from projects.services import change_objective_status, remove_partnership
from projects.setup import save_partnership
from tests.factories import PartnershipFactory, PersonFactory, UserFactory
from tests.test_admin import project_form_data

pytestmark = pytest.mark.django_db
LINK = "https://example.org/guide.pdf"


def last_event():
    return Event.objects.order_by("-pk").first()


def told(event) -> set[str]:
    return set(event.notifications.values_list("recipient__username", flat=True))


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_hand_in_tells_the_coordinator_and_its_approval_tells_the_lead(world):
    deliverable = world.own.rows["deliverables"]  # led by the partner's organisation
    submit_deliverable(deliverable=deliverable, submitted_by=world.users["partner"], link=LINK)
    handed_in = last_event()
    assert handed_in.verb == Event.Verb.HANDED_IN
    assert handed_in.actor == world.users["partner"]
    assert handed_in.target == f"{deliverable.code} {deliverable.title}"
    assert handed_in.link == f"/deliverables/{deliverable.pk}/"
    assert told(handed_in) == {"coordinator"}

    request_changes(
        deliverable=deliverable, requested_by=world.users["coordinator"], comment="Add sources."
    )
    sent_back = last_event()
    assert sent_back.verb == Event.Verb.CHANGES_REQUESTED
    assert told(sent_back) == {"partner"}
    submit_deliverable(deliverable=deliverable, submitted_by=world.users["partner"], link=LINK)

    approve_deliverable(deliverable=deliverable, approved_by=world.users["coordinator"])
    approved = last_event()
    assert approved.verb == Event.Verb.APPROVED
    assert told(approved) == {"partner"}


def test_a_refused_hand_in_records_nothing(world):
    deliverable = world.own.rows["deliverables"]
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        submit_deliverable(deliverable=deliverable, submitted_by=world.users["partner"])
    assert not Event.objects.exists()


def test_an_objectives_new_status_tells_every_contact_of_the_project(world, officer):
    objective = world.own.rows["objectives"]
    change_objective_status(objective=objective, status="achieved", changed_by=officer)
    event = last_event()
    assert event.verb == Event.Verb.OBJECTIVE_CHANGED
    assert event.details == {"from": "not_started", "to": "achieved"}
    assert event.target == f"1. {objective.title}"
    assert told(event) == {"coordinator", "partner"}
    # The same status again is no change, and no event.
    change_objective_status(objective=objective, status="achieved", changed_by=officer)
    assert Event.objects.count() == 1


def test_a_change_by_the_tracker_itself_has_no_actor(world):
    change_objective_status(
        objective=world.own.rows["objectives"], status="in_progress", changed_by=None
    )
    assert last_event().actor is None


def test_a_partner_taken_out_is_recorded_and_the_others_told(world, officer):
    leaving = PartnershipFactory(project=world.own.project, organisation=world.spare_organisation)
    leaving.contacts.add(
        PersonFactory(organisation=world.spare_organisation, user=UserFactory(username="leaver"))
    )
    remove_partnership(partnership=leaving, removed_by=officer)
    event = last_event()
    assert event.verb == Event.Verb.PARTNER_REMOVED
    assert event.target == "Spare"
    assert told(event) == {"coordinator", "partner"}
    assert not Partnership.objects.filter(pk=leaving.pk).exists()


def test_a_partner_added_and_its_contacts_changed_are_told(world, officer):
    joining = Partnership(project=world.own.project, organisation=world.spare_organisation)
    newcomer = PersonFactory(organisation=world.spare_organisation, user=UserFactory())
    save_partnership(partnership=joining, contacts=[], saved_by=officer)
    added = last_event()
    assert (added.verb, added.target) == (Event.Verb.PARTNER_ADDED, "Spare")
    assert told(added) == {"coordinator", "partner"}
    save_partnership(partnership=joining, contacts=[newcomer], saved_by=officer)
    assert last_event().verb == Event.Verb.CONTACTS_CHANGED
    save_partnership(partnership=joining, contacts=[newcomer], saved_by=officer)
    assert Event.objects.filter(verb=Event.Verb.CONTACTS_CHANGED).count() == 1  # no change


def test_a_meeting_planned_and_moved_through_the_api_is_told(world):
    coordinator = api_as(world.users["coordinator"])
    response = coordinator.post(
        "/api/meetings/",
        {"project": world.own.project.pk, "kind": "transnational", "title": "Third meeting",
         "start_date": "2023-05-10", "end_date": "2023-05-11", "city": "Lyon", "country": "FR"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    planned = last_event()
    assert planned.verb == Event.Verb.MEETING_PLANNED
    assert planned.target == "Third meeting"
    assert planned.details == {"to": ["2023-05-10", "2023-05-11"]}
    assert told(planned) == {"partner"}

    pk = response.json()["id"]
    coordinator.patch(f"/api/meetings/{pk}/", {"title": "Third project meeting"}, format="json")
    renamed = last_event()  # a new title is not a move: kept in the history, nobody told
    assert (renamed.verb, renamed.target) == (Event.Verb.MEETING_CHANGED, "Third project meeting")
    assert told(renamed) == set()
    coordinator.patch(f"/api/meetings/{pk}/", {"start_date": "2023-05-09"}, format="json")
    moved = last_event()
    assert moved.verb == Event.Verb.MEETING_MOVED
    assert moved.details == {
        "from": ["2023-05-10", "2023-05-11"],
        "to": ["2023-05-09", "2023-05-11"],
    }
    assert moved.link == f"/meetings/{pk}/"


def test_a_meeting_moved_in_the_admin_tells_the_projects_contacts(world, client):
    colleague = PersonFactory(
        organisation=world.own.coordinator_org, user=UserFactory(username="colleague")
    )
    meeting = world.own.rows["meetings"]
    client.force_login(world.users["officer"])
    response = client.post(
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        {"title_en": meeting.title, "kind": meeting.kind, "project": world.own.project.pk,
         "start_date": "2023-03-21", "end_date": "2023-03-22", "dates_confirmed": "on",
         "city_en": "Torino", "country": "IT", "participation_set-TOTAL_FORMS": 1,
         "participation_set-INITIAL_FORMS": 0, "participation_set-0-person": colleague.pk,
         "guests-TOTAL_FORMS": 0, "guests-INITIAL_FORMS": 0,
         "action_items-TOTAL_FORMS": 0, "action_items-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    moved = last_event()
    assert moved.verb == Event.Verb.MEETING_MOVED
    assert moved.actor == world.users["officer"]
    # The project's contacts: a notice leads into the project, which only they may open.
    assert told(moved) == {"coordinator", "partner"}


def test_the_networks_own_meetings_record_nothing(world):
    response = api_as(world.users["officer"]).post(
        "/api/meetings/",
        {"kind": "governance", "title": "Executive Committee", "start_date": "2023-05-10",
         "end_date": "2023-05-10", "is_online": True},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert not Event.objects.exists()


def test_a_partner_taken_out_on_the_projects_admin_page_is_recorded(world, client):
    project = world.own.project
    leaving = PartnershipFactory(project=project, organisation=world.spare_organisation)
    data = project_form_data(project)
    index = next(
        i for i in range(int(data["partnerships-TOTAL_FORMS"]))
        if data[f"partnerships-{i}-id"] == leaving.pk
    )  # fmt: skip
    data[f"partnerships-{index}-DELETE"] = "on"
    client.force_login(world.users["officer"])
    response = client.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert not Partnership.objects.filter(pk=leaving.pk).exists()
    event = last_event()
    assert event.verb == Event.Verb.PARTNER_REMOVED and event.target == "Spare"
    assert event.actor == world.users["officer"]


def test_the_work_plan_changes_are_kept_in_the_projects_activity(world, officer):
    from deliverables.models import WorkPackage
    from deliverables.work_plan import remove_work_package, save_work_package
    from portal.templatetags.events import described

    package = WorkPackage(
        project=world.own.project,
        code="WP9",
        title="Quality",
        lead_organisation=world.own.partner_org,
    )
    save_work_package(work_package=package, by=officer)
    saved = last_event()
    assert (saved.verb, saved.target) == (Event.Verb.WORK_PLAN_CHANGED, "WP9 Quality")
    assert saved.link == f"/projects/{world.own.project.pk}/work-plan/"
    assert told(saved) == set()  # kept for the history; the plan changes too often to notify
    remove_work_package(work_package=package, by=officer)
    assert "removed WP9 Quality from the work plan" in described(last_event())


def test_an_action_item_added_tells_its_owner(world):
    from meetings.services import add_action_item

    meeting = world.own.rows["meetings"]
    partner = world.users["partner"].person
    add_action_item(
        meeting=meeting, added_by=world.users["coordinator"], description="Book the room",
        owner=partner, due_date=meeting.end_date,
    )  # fmt: skip
    added = last_event()
    assert (added.verb, added.target) == (Event.Verb.ACTION_ITEM_ADDED, "Book the room")
    assert told(added) == {"partner"}
