"""Outside participants: their type, an e-mail only with consent, the eligible count of
multiplier events, and erasure that keeps the counts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Guest, Meeting, Participation
from meetings.participant_counts import count_participants
from meetings.services import add_guest, erase_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    meeting = world.own.rows["meetings"]  # in Torino, Italy
    meeting.kind = Meeting.Kind.MULTIPLIER
    meeting.save()
    return meeting


def guest(meeting, name, organisation, country, attended=True, **values):
    return Guest.objects.create(
        meeting=meeting,
        name=name,
        organisation_name=organisation,
        country=country,
        attended=attended,
        **values,
    )


def test_an_email_without_consent_is_refused_by_the_model_and_the_database(event, world):
    with pytest.raises(ValidationError) as refusal:
        add_guest(
            meeting=event,
            added_by=world.users["coordinator"],
            name="Ana",
            organisation_name="SEPIE",
            country="ES",
            email="ana@example.org",
        )
    assert "consent" in str(refusal.value.message_dict["email"])
    with pytest.raises(IntegrityError), transaction.atomic():
        guest(event, "Ana", "SEPIE", "ES", email="ana@example.org")
    kept = add_guest(
        meeting=event,
        added_by=world.users["coordinator"],
        name="Ana",
        organisation_name="SEPIE",
        country="ES",
        type=Guest.Type.STAFF,
        email="ana@example.org",
        email_consent=True,
    )
    assert kept.email == "ana@example.org" and kept.type == "staff"


def test_the_eligible_count_local_and_international(event, world):
    partner = world.own.partner_org
    Participation.objects.create(meeting=event, person=world.own.people[1], attended=True)
    guest(event, "Luca", "Comune di Torino", "IT")
    guest(event, "Giulia", "Scuola Torino", "IT")
    guest(event, "Ana", "SEPIE", "ES")
    guest(event, "Absent", "Somewhere", "DE", attended=False)
    # A partner's own staff who signed in online: not eligible, whatever the case and spaces.
    guest(event, "Partner staff", f"  {partner.name.upper()} ", "FR")
    counts = count_participants(event)
    assert (counts.expected, counts.attended) == (6, 5)
    assert (counts.eligible, counts.local, counts.international) == (3, 2, 1)


def test_the_api_and_the_page_give_the_same_counts(client, event, world):
    guest(event, "Luca", "Comune di Torino", "IT")
    guest(event, "Ana", "SEPIE", "ES")
    client.force_login(world.users["partner"])
    data = client.get(f"/api/meetings/{event.pk}/").json()
    assert data["participant_counts"] == {
        "expected": 2, "attended": 2, "eligible": 2, "local": 1, "international": 1,
    }  # fmt: skip
    page = client.get(f"/meetings/{event.pk}/").content.decode()
    assert "2 (1 local, 1 international)" in page
    # The partner reads the counts, not the people.
    assert "Luca" not in page and "SEPIE" not in page


def test_the_list_and_a_meeting_just_changed_give_its_counts_as_they_now_are(client, event, world):
    """The list reads the counts its query joined (db_views.py); a meeting written through the
    API is counted after the write, not from what was read before it."""
    guest(event, "Luca", "Comune di Torino", "IT")
    client.force_login(world.users["coordinator"])
    listed = client.get(f"/api/meetings/?project={event.project_id}").json()["results"]
    assert [m["participant_counts"] for m in listed if m["id"] == event.pk] == [
        {"expected": 1, "attended": 1, "eligible": 1, "local": 1, "international": 0}
    ]
    invited = [world.own.people[1].pk]
    changed = client.patch(
        f"/api/meetings/{event.pk}/", {"participants": invited}, content_type="application/json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["participant_counts"]["expected"] == 2


def test_other_kinds_count_no_eligible_participants_in_the_api(client, world):
    meeting = world.own.rows["meetings"]
    guest(meeting, "Luca", "Comune di Torino", "IT")
    client.force_login(world.users["coordinator"])
    counts = client.get(f"/api/meetings/{meeting.pk}/").json()["participant_counts"]
    assert counts["expected"] == 1 and counts["eligible"] is None


def test_erasure_removes_name_and_email_and_keeps_the_counts(event, world):
    ana = guest(event, "Ana", "SEPIE", "ES", email="ana@example.org", email_consent=True)
    before = count_participants(event)
    erase_guest(guest=ana, erased_by=world.users["coordinator"])
    ana.refresh_from_db()
    assert (ana.name, ana.email, ana.erased) == ("", "", True)
    assert (ana.organisation_name, ana.country.code, ana.attended) == ("SEPIE", "ES", True)
    assert count_participants(event) == before


def test_only_who_runs_the_project_erases(event, world):
    ana = guest(event, "Ana", "SEPIE", "ES")
    with pytest.raises(PermissionDenied):
        erase_guest(guest=ana, erased_by=world.users["partner"])


def test_the_database_refuses_a_nameless_guest_not_erased(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        guest(event, "", "SEPIE", "ES")


def test_erasure_through_the_api_and_its_scope(client, event, world):
    ana = guest(event, "Ana", "SEPIE", "ES")
    erase = f"/api/meeting-guests/{ana.pk}/erase/"
    client.force_login(world.users["partner"])
    assert client.post(erase, content_type="application/json").status_code == 404
    client.force_login(world.users["coordinator"])
    response = client.post(erase, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["name"] == "" and response.json()["erased"] is True


def test_the_page_erases_and_shows_the_erased_row(client, event, world):
    ana = guest(event, "Ana Pérez", "SEPIE", "ES")
    client.force_login(world.users["coordinator"])
    response = client.post(f"/meetings/{event.pk}/guests/{ana.pk}/erase/")
    assert response.status_code == 302
    page = client.get(f"/meetings/{event.pk}/").content.decode()
    assert "Ana Pérez" not in page and "(erased)" in page
    client.force_login(world.users["partner"])
    assert client.post(f"/meetings/{event.pk}/guests/{ana.pk}/erase/").status_code == 403


def test_the_erase_button_asks_first_and_says_what_stays(client, event, world):
    ana = guest(event, "Ana Pérez", "SEPIE", "ES", email="ana@example.org", email_consent=True)
    client.force_login(world.users["coordinator"])
    page = client.get(f"/meetings/{event.pk}/").content.decode()
    # A link to a page that asks (no script needed), and a word on how it differs from Remove.
    assert f'href="/meetings/{event.pk}/guests/{ana.pk}/erase/"' in page
    assert "“Erase personal data” keeps them in the counts" in page
    asked = client.get(f"/meetings/{event.pk}/guests/{ana.pk}/erase/")
    assert asked.status_code == 200
    assert "counts do not change" in asked.content.decode()
    ana.refresh_from_db()
    assert not ana.erased  # asking erased nothing
    done = client.post(f"/meetings/{event.pk}/guests/{ana.pk}/erase/", follow=True)
    text = done.content.decode()
    assert "name and e-mail address are erased" in text and "counts do not change" in text
    client.force_login(world.users["partner"])
    assert client.get(f"/meetings/{event.pk}/guests/{ana.pk}/erase/").status_code == 403


def test_a_guest_marked_from_a_partner_leaves_the_eligible_count(client, event, world):
    # The partner's name as a person typed it at the door: no exact match.
    typed = guest(event, "Marie", f"{world.own.partner_org.name} (Paris)", "FR")
    guest(event, "Luca", "Comune di Torino", "IT")
    assert count_participants(event).eligible == 2
    url = f"/meetings/{event.pk}/guests/{typed.pk}/from-partner/"
    client.force_login(world.users["partner"])
    assert client.post(url, {"from_partner": "yes"}).status_code == 403
    client.force_login(world.users["coordinator"])
    assert client.post(url, {"from_partner": "yes"}).status_code == 302
    typed.refresh_from_db()
    assert typed.from_partner
    counts = count_participants(event)
    assert (counts.attended, counts.eligible, counts.local) == (2, 1, 1)
    assert "from a partner organisation" in client.get(f"/meetings/{event.pk}/").content.decode()
    # Undone the same way; the API says and sets it too.
    client.post(url, {"from_partner": "no"})
    assert count_participants(event).eligible == 2
    response = client.patch(
        f"/api/meeting-guests/{typed.pk}/", {"from_partner": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["from_partner"] is True
    assert count_participants(event).eligible == 1


def test_a_guest_added_with_a_name_too_long_is_refused(client, event, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        f"/meetings/{event.pk}/guests/",
        {"name": "B" * 400, "organisation_name": "SEPIE", "country": "ES", "type": "staff"},
    )
    assert response.status_code == 400 and "at most 120 characters" in response.content.decode()
    assert not Guest.objects.exists()
    with pytest.raises(ValidationError):
        add_guest(meeting=event, added_by=world.users["coordinator"], name="C" * 121,
                  organisation_name="SEPIE", country="ES")  # fmt: skip
