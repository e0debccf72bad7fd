"""The evidence in the back office: signed lists, sign-in pages and guests, listed and searched
there, every change through the services the meeting's page uses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activity.models import Event
from meetings.models import Guest, OnlineSignIn, SignedSheet
from meetings.services import add_guest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def meeting(world):
    return world.own.rows["meetings"]


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def add_sheet(client, meeting, name, content):
    return client.post(
        "/admin/meetings/signedsheet/add/",
        {"meeting": meeting.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_an_officer_adds_a_scan_as_the_meeting_page_would(officer_client, meeting, officer):
    assert add_sheet(officer_client, meeting, "signed.pdf", PDF).status_code == 302
    sheet = SignedSheet.objects.get()
    assert sheet.meeting == meeting and sheet.uploaded_by == officer
    assert "signed.pdf" not in sheet.file.name  # the service's generated name
    assert Event.objects.filter(verb=Event.Verb.SHEET_UPLOADED).count() == 1
    listing = officer_client.get("/admin/meetings/signedsheet/?q=signed").content.decode()
    assert (
        "signed.pdf" in listing and f"/meetings/{meeting.pk}/signed-sheets/{sheet.pk}/" in listing
    )


def test_a_file_that_is_not_a_scan_is_refused_beside_it(officer_client, meeting):
    response = add_sheet(officer_client, meeting, "sheet.pdf", b"not a pdf")
    assert response.status_code == 200
    assert "its content is not a valid PDF file" in str(response.context["adminform"].form.errors)
    assert not SignedSheet.objects.exists()


def test_a_kept_scan_is_neither_changed_nor_deleted(officer_client, meeting):
    add_sheet(officer_client, meeting, "signed.pdf", PDF)
    sheet = SignedSheet.objects.get()
    page = officer_client.get(f"/admin/meetings/signedsheet/{sheet.pk}/change/")
    assert page.status_code == 200  # read
    changed = officer_client.post(f"/admin/meetings/signedsheet/{sheet.pk}/change/", {})
    assert changed.status_code == 403
    deleted = officer_client.post(
        f"/admin/meetings/signedsheet/{sheet.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 403 and SignedSheet.objects.filter(pk=sheet.pk).exists()


def test_sign_ins_are_closed_and_opened_by_their_service(officer_client, meeting):
    sign_in = OnlineSignIn.objects.create(meeting=meeting, language="fr")
    url = "/admin/meetings/onlinesignin/"
    officer_client.post(url, {"action": "close_selected", "_selected_action": [sign_in.pk]})
    sign_in.refresh_from_db()
    assert not sign_in.is_open
    officer_client.post(url, {"action": "open_selected", "_selected_action": [sign_in.pk]})
    sign_in.refresh_from_db()
    assert sign_in.is_open and sign_in.language == "fr"
    assert officer_client.get(url + "add/").status_code == 403
    page = officer_client.get(f"{url}{sign_in.pk}/change/").content.decode()
    assert sign_in.token not in page  # the link is shown on the meeting's page only


def guest_form(meeting, **changes) -> dict:
    data = {
        "meeting": meeting.pk,
        "name": "Ana Costa",
        "organisation_name": "Centro de Emprego",
        "country": "PT",
        "type": "stakeholder",
        "email": "",
    }
    return {**data, **changes}


def test_a_guest_is_added_with_the_services_rules(officer_client, meeting):
    refused = officer_client.post(
        "/admin/meetings/guest/add/", guest_form(meeting, email="ana.costa@example.org")
    )
    assert refused.status_code == 200
    assert "only with the person's consent" in refused.context["adminform"].form.errors["email"][0]
    added = officer_client.post("/admin/meetings/guest/add/", guest_form(meeting))
    assert added.status_code == 302
    assert Guest.objects.get().name == "Ana Costa"
    listing = officer_client.get("/admin/meetings/guest/?q=emprego").content.decode()
    assert "Ana Costa" in listing


def test_erasing_in_the_admin_keeps_the_counts_and_locks_the_row(officer_client, meeting, officer):
    guest = add_guest(
        meeting=meeting,
        added_by=officer,
        name="Ana Costa",
        organisation_name="Centro de Emprego",
        country="PT",
        attended=True,
    )
    officer_client.post(
        "/admin/meetings/guest/", {"action": "erase_selected", "_selected_action": [guest.pk]}
    )
    guest.refresh_from_db()
    assert guest.erased and guest.name == "" and guest.attended
    assert guest.organisation_name == "Centro de Emprego"
    change = f"/admin/meetings/guest/{guest.pk}/change/"
    assert officer_client.get(change).status_code == 200  # read
    assert officer_client.post(change, guest_form(meeting)).status_code == 403
    guest.refresh_from_db()
    assert guest.name == ""  # an erased name never comes back


def test_only_officers_reach_the_evidence_in_the_back_office(client, meeting, world):
    client.force_login(world.users["coordinator"])
    assert client.get("/admin/meetings/guest/").status_code == 302  # to the admin's sign-in
    staff = UserFactory(is_staff=True)  # staff, not an officer: no permission on the evidence
    client.force_login(staff)
    assert client.get("/admin/meetings/guest/").status_code == 403
    assert client.get("/admin/meetings/signedsheet/").status_code == 403


def test_a_guest_is_corrected_with_the_services_rules(officer_client, meeting, officer):
    guest = add_guest(
        meeting=meeting,
        added_by=officer,
        name="Ana Costa",
        organisation_name="Centro de Emprego",
        country="PT",
    )
    change = f"/admin/meetings/guest/{guest.pk}/change/"
    refused = officer_client.post(change, guest_form(meeting, email="ana.costa@example.org"))
    assert refused.status_code == 200
    guest.refresh_from_db()
    assert guest.email == ""
    corrected = guest_form(meeting, name="Ana Costa Silva", email="ana.costa@example.org")
    corrected["email_consent"] = "on"
    assert officer_client.post(change, corrected).status_code == 302
    guest.refresh_from_db()
    assert (guest.name, guest.email, guest.email_consent) == (
        "Ana Costa Silva",
        "ana.costa@example.org",
        True,
    )
