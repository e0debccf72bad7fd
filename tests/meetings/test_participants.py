"""Participants of a project's meeting work for its partners, like action items' owners; whoever
takes part sees the meeting alike in every channel: the API, the pages, the calendar feed."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar
from rest_framework.test import APIClient

from meetings.models import Meeting
from portal.selectors import my_next_meetings
from reminders.calendar import person_calendar
from tests.factories import MeetingFactory, PartnershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def stranger(world):
    """A contact of a third project the OWN coordinator is a partner in, so the coordinator
    sees them, though they have nothing to do with OWN."""
    third = PartnershipFactory(organisation=world.own.coordinator_org).project
    third.partnerships.get().contacts.add(world.own.people[0])
    elsewhere = PartnershipFactory(project=third)
    person = PersonFactory(organisation=elsewhere.organisation, user=UserFactory(username="x"))
    elsewhere.contacts.add(person)
    return person


def test_a_coordinator_cannot_add_someone_outside_the_project(world, stranger):
    meeting = world.own.rows["meetings"]
    client = api_as(world.users["coordinator"])
    assert client.get(f"/api/people/{stranger.pk}/").status_code == 200  # they see them
    response = client.patch(
        f"/api/meetings/{meeting.pk}/", {"participants": [stranger.pk]}, format="json"
    )
    assert response.status_code == 400
    assert stranger.full_name in str(response.json()["participants"])
    assert not meeting.participants.exists()
    assert meeting not in Meeting.objects.visible_to(stranger.user)


def test_the_database_refuses_a_participant_outside_the_project(world, stranger):
    meeting = world.own.rows["meetings"]
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.participants.add(stranger)
    meeting.participants.add(world.own.people[1])  # a partner's person may take part


def test_the_network_meetings_may_have_anyone(world, stranger):
    governance = MeetingFactory(project=None, kind=Meeting.Kind.GOVERNANCE)
    response = api_as(world.users["officer"]).patch(
        f"/api/meetings/{governance.pk}/", {"participants": [stranger.pk]}, format="json"
    )
    assert response.status_code == 200
    assert governance in Meeting.objects.visible_to(stranger.user)


def test_the_admin_refuses_a_participant_outside_the_project(world, stranger, client):
    client.force_login(world.users["officer"])
    meeting = world.own.rows["meetings"]
    response = client.post(
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        {"title_en": meeting.title, "kind": meeting.kind, "project": world.own.project.pk,
         "start_date": "2023-03-14", "end_date": "2023-03-15", "city_en": "Torino",
         "country": "IT", "participation_set-TOTAL_FORMS": 1,
         "participation_set-INITIAL_FORMS": 0, "participation_set-0-person": stranger.pk,
         "guests-TOTAL_FORMS": 0, "guests-INITIAL_FORMS": 0,
         "action_items-TOTAL_FORMS": 0, "action_items-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "work for one of its partners" in response.content.decode()
    assert not meeting.participants.exists()


def test_whoever_takes_part_sees_the_meeting_in_every_channel(world, client):
    """A colleague of the partner, not a contact person of the project, invited to its meeting."""
    colleague = PersonFactory(
        organisation=world.own.partner_org, user=UserFactory(username="colleague")
    )
    meeting = MeetingFactory(project=world.own.project, start_date=date(2099, 3, 14),
                             end_date=date(2099, 3, 14))  # fmt: skip
    meeting.participants.add(colleague)

    feed = Calendar.from_ical(person_calendar(colleague)).walk("VEVENT")
    assert [str(event["summary"]) for event in feed] == [meeting.title]
    assert list(my_next_meetings(colleague.user, today=timezone.localdate())) == [meeting]
    assert api_as(colleague.user).get(f"/api/meetings/{meeting.pk}/").status_code == 200
    client.force_login(colleague.user)
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == 200


def test_a_meeting_goes_away_with_the_organisation_that_left_the_project(world):
    meeting = world.own.rows["meetings"]
    colleague = PersonFactory(organisation=world.own.partner_org, user=UserFactory(username="c"))
    meeting.participants.add(colleague)
    assert meeting in Meeting.objects.visible_to(colleague.user)
    world.own.project.partnerships.filter(organisation=world.own.partner_org).delete()
    assert meeting not in Meeting.objects.visible_to(colleague.user)
    assert meeting not in Meeting.objects.of_people([colleague])
