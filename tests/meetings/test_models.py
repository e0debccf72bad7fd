from datetime import date

import pytest

from meetings.models import ActionItem, Meeting
from tests.conftest import refused_by_database, refused_by_validation
from tests.factories import (
    ActionItemFactory,
    MeetingFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_a_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory.build(
        project=ProjectFactory(), start_date=date(2018, 9, 14), end_date=date(2018, 9, 13)
    )
    with refused_by_validation("end_date", "end date must be on or after the start date"):
        meeting.full_clean()
    with refused_by_database():
        meeting.save()


def test_a_governance_meeting_belongs_to_no_project():
    meeting = MeetingFactory.build(project=ProjectFactory(), kind=Meeting.Kind.GOVERNANCE)
    with refused_by_validation("__all__", "belongs to no project"):
        meeting.full_clean()
    with refused_by_database():
        meeting.save()


def test_a_kick_off_needs_its_project():
    meeting = MeetingFactory.build(project=None, kind=Meeting.Kind.KICK_OFF)
    with refused_by_validation("__all__", "belong to a project"):
        meeting.full_clean()
    with refused_by_database():
        meeting.save()


def test_an_outside_meeting_needs_no_project():
    MeetingFactory(project=None, kind=Meeting.Kind.EXTERNAL, city="Brussels").full_clean()


def test_the_agenda_place_is_online_or_the_venue_and_its_city_once():
    assert MeetingFactory.build(is_online=True, city="Paris").place == "online"
    assert (
        MeetingFactory.build(venue="Paris la Villette", city="Paris").place == "Paris la Villette"
    )
    assert MeetingFactory.build(venue="Espace Zénith", city="Köln").place == "Espace Zénith, Köln"
    assert MeetingFactory.build(city="Torino").place == "Torino"


def test_an_action_item_owner_works_for_a_partner_of_the_project():
    meeting = MeetingFactory()
    outsider = PersonFactory()
    item = ActionItem(meeting=meeting, owner=outsider, description="x", due_date=date(2023, 5, 1))
    with refused_by_validation("owner", "partner of the meeting"):
        item.full_clean()
    with refused_by_database():
        item.save()


def test_anyone_may_own_an_action_of_a_governance_meeting():
    meeting = MeetingFactory(project=None, kind=Meeting.Kind.GOVERNANCE)
    item = ActionItem(
        meeting=meeting, owner=PersonFactory(), description="x", due_date=date(2023, 5, 1)
    )
    item.full_clean()
    item.save()


def test_an_owner_from_the_project_is_accepted():
    item = ActionItemFactory()
    item.full_clean()
    partner = PartnershipFactory(project=item.meeting.project)
    item.owner = PersonFactory(organisation=partner.organisation)
    item.save()


def test_meetings_between_include_those_overlapping_the_period():
    inside = MeetingFactory(start_date=date(2018, 10, 25), end_date=date(2018, 10, 26))
    straddling = MeetingFactory(start_date=date(2018, 9, 30), end_date=date(2018, 10, 1))
    MeetingFactory(start_date=date(2018, 11, 7), end_date=date(2018, 11, 7))
    found = Meeting.objects.between(date(2018, 10, 1), date(2018, 10, 31))
    assert set(found) == {inside, straddling}
