"""Each person's private calendar feed."""

from datetime import date

import pytest
from icalendar import Calendar

from partners.services import feed_url, renew_calendar_token
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def events(response):
    return {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_holds_my_deadlines_and_meetings_with_stable_uids(team, client):
    meeting = MeetingFactory(project=team.project, start_date=date(2019, 1, 24),
                             end_date=date(2019, 1, 24), city="Brussels")  # fmt: skip
    ActionItemFactory(meeting=meeting, owner=team.lead, description="Book the room",
                      due_date=date(2019, 1, 10))  # fmt: skip
    url = feed_url(team.lead).replace("http://127.0.0.1:8000", "")
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    domain = "erasmus-tracker.example.org"
    assert f"deliverable-{team.deliverable.pk}@{domain}" in found
    assert f"meeting-{meeting.pk}@{domain}" in found
    assert any(str(e["summary"]) == "Book the room" for e in found.values())
    assert found[f"deliverable-{team.deliverable.pk}@{domain}"]["dtstart"].dt == date(2018, 11, 30)
    assert set(events(client.get(url))) == set(found)  # the same UIDs every time

    coordinator_feed = client.get(feed_url(team.coordinator).replace("http://127.0.0.1:8000", ""))
    assert f"deliverable-{team.deliverable.pk}@{domain}" not in events(coordinator_feed)


def test_only_deliverables_of_the_organisation_one_speaks_for_in_that_project(team, client):
    """The lead speaks for their organisation in COCADE; in a second project they speak for
    another one. What their own organisation leads in the second project is not theirs there."""
    other = ProjectFactory(start_date=date(2017, 9, 1), end_date=date(2019, 2, 28))
    PartnershipFactory(project=other, organisation=team.lead.organisation)
    represented = PartnershipFactory(project=other)
    represented.contacts.add(team.lead)
    not_theirs = DeliverableFactory(
        project=other, code="X1", lead_organisation=team.lead.organisation,
        due_date=date(2018, 12, 15),
    )  # fmt: skip
    theirs = DeliverableFactory(
        project=other, code="X2", lead_organisation=represented.organisation,
        due_date=date(2018, 12, 15),
    )  # fmt: skip
    handed_in = DeliverableFactory(
        project=other, code="X3", lead_organisation=represented.organisation,
        due_date=date(2018, 12, 15), status="submitted",
    )  # fmt: skip
    found = events(client.get(feed_url(team.lead).replace("http://127.0.0.1:8000", "")))
    uids = {uid.split("@")[0] for uid in found}
    assert f"deliverable-{theirs.pk}" in uids
    assert f"deliverable-{not_theirs.pk}" not in uids
    assert f"deliverable-{handed_in.pk}" not in uids  # nothing left to hand in


def test_renewing_the_address_revokes_the_old_one(team, client):
    old = feed_url(team.lead).replace("http://127.0.0.1:8000", "")
    new = renew_calendar_token(person=team.lead).replace("http://127.0.0.1:8000", "")
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404
