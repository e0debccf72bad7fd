"""The signed sheet's scan: what is accepted, who uploads it, who downloads it, the activity."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activity.models import Event
from meetings.models import SignedSheet

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IEND\xaeB`\x82"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"


@pytest.fixture
def meeting(world):
    return world.own.rows["meetings"]


def upload(client, meeting, name, content):
    return client.post(
        f"/meetings/{meeting.pk}/signed-sheets/", {"file": SimpleUploadedFile(name, content)}
    )


@pytest.mark.parametrize("name,content", [("sheet.pdf", PDF), ("s.png", PNG), ("s.jpg", JPEG)])
def test_the_coordinator_uploads_a_scan_and_it_is_recorded(client, meeting, world, name, content):
    client.force_login(world.users["coordinator"])
    assert upload(client, meeting, name, content).status_code == 302
    sheet = SignedSheet.objects.get()
    assert sheet.original_filename == name and sheet.uploaded_by == world.users["coordinator"]
    assert name not in sheet.file.name  # stored under a generated name
    event = Event.objects.get(verb=Event.Verb.SHEET_UPLOADED)
    assert event.project_id == meeting.project_id and event.target == meeting.title


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("sheet.docx", PDF, "are not accepted; send .pdf, .jpg, .jpeg, .png."),
        ("sheet.pdf", b"not a pdf", "its content is not a valid PDF file"),
        ("sheet.png", PDF, "its content is not a valid PNG file"),
        ("sheet.pdf", b"%PDF-1.4 <script>alert(1)</script> %%EOF", "web page markup"),
    ],
)
def test_a_file_that_is_not_a_scan_is_refused(client, meeting, world, name, content, message):
    client.force_login(world.users["coordinator"])
    response = upload(client, meeting, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SignedSheet.objects.exists()


def test_the_size_limit(client, meeting, world, settings):
    settings.SIGNED_SHEET_MAX_BYTES = 20
    client.force_login(world.users["coordinator"])
    response = upload(client, meeting, "sheet.pdf", PDF)
    assert response.status_code == 400 and "the limit is 20 bytes" in response.content.decode()


def test_who_may_upload(client, meeting, world):
    client.force_login(world.users["partner"])
    assert upload(client, meeting, "sheet.pdf", PDF).status_code == 403
    client.force_login(world.other.people[0].user)
    assert upload(client, meeting, "sheet.pdf", PDF).status_code == 404
    client.logout()
    assert upload(client, meeting, "sheet.pdf", PDF).status_code == 302
    assert not SignedSheet.objects.exists()


def test_the_coordinator_and_officers_download_it_and_nobody_else(client, meeting, world):
    client.force_login(world.users["officer"])
    upload(client, meeting, "sheet.pdf", PDF)
    sheet = SignedSheet.objects.get()
    url = f"/meetings/{meeting.pk}/signed-sheets/{sheet.pk}/"
    for role in ["officer", "coordinator"]:
        client.force_login(world.users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/octet-stream"
    # The scan holds outside people's names and signatures: a partner reads the meeting, and
    # learns that a scan is kept, but neither lists nor downloads it.
    client.force_login(world.users["partner"])
    assert client.get(url).status_code == 403
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert ">sheet.pdf<" not in page and f"/signed-sheets/{sheet.pk}/" not in page
    assert "1 signed sheet is kept." in page
    assert client.get(f"{url}remove/").status_code == 403
    client.force_login(world.other.people[0].user)
    assert client.get(url).status_code == 404
    # Another meeting's id with this sheet's id: 404, not the file.
    client.force_login(world.users["officer"])
    other = world.other.rows["meetings"]
    assert client.get(f"/meetings/{other.pk}/signed-sheets/{sheet.pk}/").status_code == 404


def test_a_wrong_upload_is_removed_after_a_confirmation_and_recorded(
    client, meeting, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinator"])
    upload(client, meeting, "wrong.pdf", PDF)
    sheet = SignedSheet.objects.get()
    stored, storage = sheet.file.name, sheet.file.storage
    url = f"/meetings/{meeting.pk}/signed-sheets/{sheet.pk}/remove/"
    assert url in client.get(f"/meetings/{meeting.pk}/").content.decode()
    # A GET only asks: a page with a form, no script needed.
    asked = client.get(url)
    assert asked.status_code == 200 and "wrong.pdf" in asked.content.decode()
    assert SignedSheet.objects.exists()
    client.force_login(world.users["partner"])
    assert client.post(url).status_code == 403
    assert SignedSheet.objects.exists()
    client.force_login(world.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "The signed sheet “wrong.pdf” is removed." in response.content.decode()
    assert not SignedSheet.objects.exists() and not storage.exists(stored)
    event = Event.objects.get(verb=Event.Verb.SHEET_REMOVED)
    assert event.actor == world.users["coordinator"] and event.details == {"file": "wrong.pdf"}


def test_the_upload_is_dated_by_the_trackers_clock(client, meeting, world, settings):
    settings.DEMO_TODAY = date(2018, 10, 3)
    client.force_login(world.users["coordinator"])
    upload(client, meeting, "sheet.png", PNG)
    assert SignedSheet.objects.get().uploaded_on == date(2018, 10, 3)


def test_a_broken_scan_is_not_told_to_send_a_link(client, meeting, world):
    client.force_login(world.users["coordinator"])
    page = upload(client, meeting, "sheet.pdf", b"not a pdf").content.decode()
    assert "export or scan it again" in page and "send a link" not in page
