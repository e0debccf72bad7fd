"""Holes found in review, each kept closed by a test."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from deliverables.models import Submission
from deliverables.services import approve_deliverable, submit_deliverable
from meetings.models import Guest, Meeting
from projects.models import Partnership
from tests.conftest import refused_by_database
from tests.factories import MeetingFactory, PartnershipFactory


def test_a_meeting_cannot_move_to_another_project_or_leave_its_own(world, api):
    coordinator = world.users["coordinator"]
    elsewhere = PartnershipFactory(
        project=world.other.project, organisation=coordinator.person.organisation
    )
    elsewhere.contacts.add(coordinator.person)
    meeting = world.own.rows["meetings"]
    client = api(coordinator)
    for payload in [{"project": world.other.project.pk}, {"project": None, "kind": "other"}]:
        response = client.patch(f"/api/meetings/{meeting.pk}/", payload, format="json")
        assert response.status_code == 400, payload
    assert Meeting.objects.get(pk=meeting.pk).project == world.own.project


def test_the_api_speaks_json_only(world, api):
    response = api(world.users["partner"]).get("/api/meetings/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406  # no browsable forms listing every choice
    assert api(world.users["partner"]).get("/api/meetings/").status_code == 200


def test_dates_beyond_the_calendar_are_refused_with_a_message(world, api):
    response = api(world.users["officer"]).patch(
        f"/api/projects/{world.own.project.pk}/", {"end_date": "9999-12-31"}, format="json"
    )
    assert response.status_code == 400
    assert "2101" in str(response.json())
    assert api(world.users["officer"]).get("/api/projects/").status_code == 200


def broken_odt(compression) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text" * 50)
    data = bytearray(buffer.getvalue())
    data[40:60] = b"\x00" * 20  # corrupt the member
    return bytes(data)


@pytest.mark.parametrize(
    "compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2]
)
def test_a_crafted_archive_is_refused_not_a_server_error(world, api, compression):
    deliverable = world.own.rows["deliverables"]
    response = api(world.users["partner"]).post(
        f"/api/deliverables/{deliverable.pk}/submit/",
        {"file": SimpleUploadedFile("report.odt", broken_odt(compression))},
        format="multipart",
    )
    assert response.status_code == 400
    assert not Submission.objects.exists()


@pytest.mark.parametrize("body", ["[]", '"x"', "42"])
def test_an_owner_sending_a_body_that_is_not_an_object_gets_400(world, api, body):
    item = world.own.rows["action-items"]
    response = api(world.users["partner"]).generic(
        "PATCH", f"/api/action-items/{item.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query", ["project=99999999999999999999", "project=1.9", "project=-3", "work_package=x"]
)
def test_ids_in_filters_are_whole_numbers_in_range(world, api, query):
    response = api(world.users["officer"]).get(f"/api/deliverables/?{query}")
    assert response.status_code == 400


def test_filtering_on_a_hidden_row_looks_like_filtering_on_a_missing_one(world, api):
    partner = api(world.users["partner"])
    hidden = world.other.rows["deliverables"].pk
    missing = partner.get("/api/submissions/?deliverable=999999")
    foreign = partner.get(f"/api/submissions/?deliverable={hidden}")
    assert (missing.status_code, missing.json()["count"]) == (foreign.status_code, 0)


def test_a_partner_owning_actions_cannot_be_removed_from_the_project(world, api):
    partnership = Partnership.objects.get(
        project=world.own.project, organisation=world.own.partner_org
    )
    world.own.rows["deliverables"].delete()  # nothing led any more, but an action item is owned
    response = api(world.users["officer"]).delete(f"/api/partnerships/{partnership.pk}/")
    assert response.status_code == 400
    assert "action" in str(response.json())


def test_a_contact_person_cannot_silently_change_organisation(world, api):
    person = world.own.people[1]
    response = api(world.users["officer"]).patch(
        f"/api/people/{person.pk}/", {"organisation": world.own.coordinator_org.pk}, format="json"
    )
    assert response.status_code == 400
    assert "add them anew" in str(response.json())


def test_an_invitation_to_another_projects_meeting_is_refused_and_reveals_nothing(world, api):
    foreign = MeetingFactory(project=world.other.project)
    with refused_by_database():
        foreign.participants.add(world.users["partner"].person)
    partner = api(world.users["partner"])
    assert partner.get(f"/api/meetings/{foreign.pk}/").status_code == 404
    network = MeetingFactory(project=None, kind="governance", start_date=date(2023, 10, 3),
                             end_date=date(2023, 10, 3))  # fmt: skip
    network.participants.add(world.users["partner"].person)
    assert partner.get(f"/api/meetings/{network.pk}/").status_code == 200


def test_reopening_an_approved_deliverable_withdraws_the_approval(world, api):
    deliverable = world.own.rows["deliverables"]
    submit_deliverable(
        deliverable=deliverable, submitted_by=world.users["partner"], link="https://example.org/a"
    )
    approve_deliverable(deliverable=deliverable, approved_by=world.users["coordinator"])
    response = api(world.users["coordinator"]).patch(
        f"/api/deliverables/{deliverable.pk}/", {"status": "in_progress"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["approved_at"] is None and response.json()["approved_by"] is None


def test_a_submission_whose_file_went_missing_answers_404(world, api):
    deliverable = world.own.rows["deliverables"]
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7\n%%EOF\n")
    submission = submit_deliverable(
        deliverable=deliverable, submitted_by=world.users["partner"], upload=pdf
    )
    submission.file.storage.delete(submission.file.name)
    response = api(world.users["partner"]).get(f"/api/submissions/{submission.pk}/download/")
    assert response.status_code == 404


def test_paging_given_twice_is_refused_on_every_list(world, api):
    for resource in ("deliverables", "meetings", "action-items"):
        response = api(world.users["officer"]).get(f"/api/{resource}/?page_size=1&page_size=2")
        assert response.status_code == 400, resource
        assert response.json() == {"page_size": ["Give this parameter once."]}


@pytest.mark.parametrize("resource", ["meetings", "deliverables", "partnerships", "projects"])
def test_an_empty_filter_is_refused_rather_than_answering_every_row(world, api, resource):
    response = api(world.users["officer"]).get(f"/api/{resource}/?country=")
    assert response.status_code == 400
    assert response.json() == {"country": ["Give a value, or leave the parameter out."]}
    # An empty search or ordering still means none.
    assert api(world.users["officer"]).get(f"/api/{resource}/?search=").status_code == 200


def test_the_guests_of_a_meeting_one_may_not_see_are_answered_as_a_missing_meetings(world, api):
    client = api(world.users["coordinator"])
    hidden = client.get(f"/api/meeting-guests/?meeting={world.other.rows['meetings'].pk}")
    missing = client.get("/api/meeting-guests/?meeting=999999")
    assert hidden.status_code == missing.status_code == 200
    assert hidden.json()["results"] == missing.json()["results"] == []


def test_a_message_written_as_a_field_is_made_is_in_each_readers_language(world, api):
    """Fields are made once per serializer class (common.serializers.FieldsMadeOnceMixin), and
    DRF writes a unique value's message out as it makes the field: once per language."""
    officer = world.users["officer"]
    taken = world.spare_organisation
    taken.oid = "E10123456"
    taken.save()
    body = {
        "name": "Another", "short_name": "Another", "country": "FR",
        "type": "career_centre", "oid": "E10123456",
    }  # fmt: skip
    assert api(officer).get("/api/organisations/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    english = api(officer).post("/api/organisations/", body, format="json")
    assert english.status_code == 400
    assert "already exists" in str(english.json()["oid"])
    french = api(officer).post(
        "/api/organisations/", body, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "existe déjà" in str(french.json()["oid"])


def test_erasing_a_guest_refuses_a_body_rather_than_ignore_it(world, api):
    """{"keep_name": true} must not erase the name anyway."""
    guest = Guest.objects.create(
        meeting=world.own.rows["meetings"], name="Ada Guest", organisation_name="X", country="IT"
    )
    response = api(world.users["officer"]).post(
        f"/api/meeting-guests/{guest.pk}/erase/", {"keep_name": True}, format="json"
    )
    assert response.status_code == 400
    guest.refresh_from_db()
    assert guest.name == "Ada Guest"
    assert (
        api(world.users["officer"]).post(f"/api/meeting-guests/{guest.pk}/erase/").status_code
        == 200
    )
