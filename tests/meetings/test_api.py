"""The API plans meetings, lists guests and records attendance through the same services."""

from datetime import date

import pytest

from meetings.models import Guest, Meeting, Participation

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_guest_and_records_attendance(client, world, settings):
    settings.DEMO_TODAY = date(2023, 3, 15)
    meeting = world.own.rows["meetings"]
    partner = world.own.people[1]
    Participation.objects.create(meeting=meeting, person=partner)
    client.force_login(world.users["coordinator"])
    response = client.post(
        "/api/meeting-guests/",
        {"meeting": meeting.pk, "name": "Ana Pérez", "organisation_name": "SEPIE", "country": "ES"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    guest = Guest.objects.get()
    response = client.post(
        f"/api/meetings/{meeting.pk}/attendance/",
        {"people": [partner.pk], "guests": [guest.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["attendees"] == [partner.pk]
    guest.refresh_from_db()
    assert guest.attended


def test_a_partner_reads_no_guests_details_and_adds_none(client, world):
    """Outside people's details are the coordinator's and officers' to read."""
    meeting = world.own.rows["meetings"]
    Guest.objects.create(meeting=meeting, name="Ana", organisation_name="SEPIE", country="ES")
    client.force_login(world.users["partner"])
    assert client.get("/api/meeting-guests/").json()["results"] == []
    response = client.post(
        "/api/meeting-guests/",
        {"meeting": meeting.pk, "name": "Bob", "organisation_name": "X", "country": "FR"},
        content_type="application/json",
    )
    assert response.status_code == 403
    client.force_login(world.other.people[0].user)
    assert client.get("/api/meeting-guests/").json()["results"] == []


def test_attendance_before_the_meeting_is_refused(client, world, settings):
    settings.DEMO_TODAY = date(2023, 3, 1)
    client.force_login(world.users["coordinator"])
    meeting = world.own.rows["meetings"]
    response = client.post(
        f"/api/meetings/{meeting.pk}/attendance/", {"people": []}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "once the meeting has begun" in str(response.json())


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "form"])
def test_attendance_with_a_field_it_does_not_have_is_refused(client, world, settings, as_json):
    """A misspelt "people" must not pass as "nobody came"."""
    settings.DEMO_TODAY = date(2023, 3, 15)
    meeting = world.own.rows["meetings"]
    partner = world.own.people[1]
    Participation.objects.create(meeting=meeting, person=partner, attended=True)
    client.force_login(world.users["coordinator"])
    body = {"peopel": [partner.pk]}
    sent = {"content_type": "application/json"} if as_json else {}
    response = client.post(f"/api/meetings/{meeting.pk}/attendance/", body, **sent)
    assert response.status_code == 400
    assert response.json() == {"peopel": ["Unknown field; see the schema at /api/docs/."]}
    assert Participation.objects.get(meeting=meeting, person=partner).attended


def test_a_meeting_with_only_its_month_and_an_agenda(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        "/api/meetings/",
        {
            "project": world.own.project.pk,
            "kind": "training",
            "title": "Training",
            "start_date": "2023-11-01",
            "end_date": "2023-11-01",
            "dates_confirmed": False,
            "agenda": "Day 1: tools",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    meeting = Meeting.objects.get(title="Training")
    assert not meeting.dates_confirmed and meeting.agenda == "Day 1: tools"


def test_the_api_refuses_a_meeting_outside_the_project_and_a_foreign_host(client, world):
    client.force_login(world.users["coordinator"])
    base = {"project": world.own.project.pk, "kind": "transnational", "title": "T",
            "start_date": "2021-05-01", "end_date": "2021-05-02"}  # fmt: skip
    response = client.post("/api/meetings/", base, content_type="application/json")
    assert response.status_code == 400
    assert "within the project's period" in str(response.json()["start_date"])
    base.update(start_date="2023-05-01", end_date="2023-05-02")
    base["host_organisation"] = world.own.coordinator_org.pk
    assert client.post("/api/meetings/", base, content_type="application/json").status_code == 201


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("many", [True, False], ids=["list", "one meeting"])
def test_the_api_writes_a_meetings_place_as_every_other_reader_does(client, world, language, many):
    """The API reads the venue and the city once per page (meetings.serializers.PlaceField);
    what it writes is Meeting.place in the reader's language."""
    from django.utils import translation

    meeting = world.own.rows["meetings"]
    Meeting.objects.filter(pk=meeting.pk).update(
        is_online=False, venue="Town hall", venue_fr="Mairie de Lyon", city="Lyon", city_fr=None
    )
    client.force_login(world.users["officer"])
    address = "/api/meetings/" + ("" if many else f"{meeting.pk}/")
    answer = client.get(address, HTTP_ACCEPT_LANGUAGE=language).json()
    row = next(r for r in answer["results"] if r["id"] == meeting.pk) if many else answer
    with translation.override(language):
        expected = Meeting.objects.get(pk=meeting.pk).place
    assert row["place"] == expected
    assert expected == {"en": "Town hall, Lyon", "fr": "Mairie de Lyon"}[language]
