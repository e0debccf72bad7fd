"""Handing in deliverables: links, uploads judged by content, approval, who may do which."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from deliverables.models import Deliverable, Submission
from deliverables.uploads import check_upload
from tests.factories import DeliverableFactory

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def deliverable(world):
    return world.own.rows["deliverables"]  # led by the partner's organisation


def submit(client, deliverable, **data):
    return client.post(f"/api/deliverables/{deliverable.pk}/submit/", data, format="multipart")


def test_the_lead_partner_submits_a_link_and_the_deliverable_is_submitted(world, api, deliverable):
    response = api(world.users["partner"]).post(
        f"/api/deliverables/{deliverable.pk}/submit/",
        {"link": "https://example.org/guide.pdf", "note": "Final version"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["link"] == "https://example.org/guide.pdf"
    assert body["submitted_by"] == "partner"
    assert body["submitted_at"]
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED


def test_a_partner_cannot_submit_what_another_organisation_leads(world, api):
    led_by_coordinator = DeliverableFactory(
        project=world.own.project, code="D2", lead_organisation=world.own.coordinator_org
    )
    response = submit(api(world.users["partner"]), led_by_coordinator, link="https://example.org/x")
    assert response.status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("guide.pdf", PDF), ("Vademecum – version finale.docx", docx())],
)
def test_a_document_is_stored_under_a_generated_name_and_downloaded_as_attachment(
    world, api, deliverable, name, content
):
    client = api(world.users["partner"])
    response = submit(client, deliverable, file=SimpleUploadedFile(name, content))
    assert response.status_code == 201, response.content
    submission = Submission.objects.get()
    assert submission.original_filename == name
    assert name.split(".")[0] not in submission.file.name
    assert str(submission.token) in submission.file.name

    download = client.get(response.json()["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content


def test_files_of_another_project_cannot_be_downloaded(world, api, deliverable):
    submit(api(world.users["partner"]), deliverable, file=SimpleUploadedFile("a.pdf", PDF))
    submission = Submission.objects.get()
    outsider = api(world.other.people[0].user)
    assert outsider.get(f"/api/submissions/{submission.pk}/download/").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "markup"),
        ("report.pdf", b"just some text, not a PDF at all", "not a valid PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n<html><body>hi</body></html>IEND\xaeB`\x82", "markup"),
        ("report.pdf.exe", b"MZ\x90\x00", "not accepted"),
        ("report", PDF, "not accepted"),
        ("slides.docx", b"PK\x03\x04 broken zip", "not a valid DOCX"),
    ],
)
def test_disguised_or_unwanted_files_are_refused(world, api, deliverable, name, content, words):
    response = submit(
        api(world.users["partner"]), deliverable, file=SimpleUploadedFile(name, content)
    )
    assert response.status_code == 400
    assert words in str(response.json())
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.PLANNED
    assert not Submission.objects.exists()


def test_a_nul_in_the_name_cannot_hide_the_real_extension(world, api, deliverable):
    """Django's multipart parser drops non-printable characters before the application sees
    the name: report<NUL>.pdf.html arrives as report.pdf.html, and .html is refused."""
    upload = SimpleUploadedFile("report\x00.pdf.html", PDF)
    response = submit(api(world.users["partner"]), deliverable, file=upload)
    assert response.status_code == 400
    assert "not accepted" in str(response.json())
    assert not Submission.objects.exists()


def test_a_very_long_name_is_cut_and_never_becomes_a_path(world, api, deliverable):
    """Django cuts names to 255 characters, keeping the extension; the file is stored under a
    generated name and the given one is only shown."""
    upload = SimpleUploadedFile("r" * 300 + ".pdf", PDF)
    assert submit(api(world.users["partner"]), deliverable, file=upload).status_code == 201
    submission = Submission.objects.get()
    assert len(submission.original_filename) == 255
    assert submission.original_filename.endswith(".pdf")
    assert submission.file.name.startswith("submissions/")
    assert str(submission.token) in submission.file.name


@pytest.mark.parametrize(
    ("name", "words"), [("report\x00.pdf", "NUL character"), ("r" * 300 + ".pdf", "shorten it")]
)
def test_the_upload_check_itself_refuses_hostile_names(name, words):
    """For callers that do not go through Django's parser (a command, a future import)."""
    upload = SimpleUploadedFile("placeholder.pdf", PDF)
    upload._name = name  # as given, without Django's own clean-up
    with pytest.raises(ValidationError) as refusal:
        check_upload(upload)
    assert words in str(refusal.value)


def test_a_file_one_byte_over_the_limit_is_refused(world, api, deliverable, settings):
    settings.SUBMISSION_MAX_BYTES = len(PDF) - 1
    response = submit(
        api(world.users["partner"]), deliverable, file=SimpleUploadedFile("a.pdf", PDF)
    )
    assert response.status_code == 400
    assert "the limit is" in str(response.json())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"link": "javascript:alert(1)"}, "https://"),
        ({"link": "ftp://example.org/file"}, "https://"),
        ({}, "either a link or a file"),
        ({"link": "https://example.org/x", "status": "approved"}, "Unknown field"),
    ],
)
def test_bad_submissions_say_what_to_fix(world, api, deliverable, data, words):
    response = api(world.users["partner"]).post(
        f"/api/deliverables/{deliverable.pk}/submit/", data, format="json"
    )
    assert response.status_code == 400
    assert words in str(response.json())
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.PLANNED


def test_approval_needs_a_submission_and_the_right_role(world, api, deliverable):
    coordinator = api(world.users["coordinator"])
    refused = coordinator.post(f"/api/deliverables/{deliverable.pk}/approve/")
    assert refused.status_code == 400
    assert "Only a submitted deliverable can be approved" in str(refused.json())

    submit(api(world.users["partner"]), deliverable, link="https://example.org/guide")
    assert (
        api(world.users["partner"]).post(f"/api/deliverables/{deliverable.pk}/approve/").status_code
        == 403
    )
    assert coordinator.post(f"/api/deliverables/{deliverable.pk}/approve/").status_code == 200
    again = submit(api(world.users["partner"]), deliverable, link="https://example.org/v2")
    assert again.status_code == 400
    assert "already approved" in str(again.json())
