"""My work: what a partner contact's organisations owe, and the forms that act on it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from deliverables.models import Contribution, Deliverable
from meetings.models import ActionItem
from tests.factories import ActionItemFactory, DeliverableFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_lists_what_my_organisation_leads_or_contributes_to_and_nothing_else(signed_in, world):
    led = world.own.rows["deliverables"]
    contributed = DeliverableFactory(
        project=world.own.project, code="D9", lead_organisation=world.own.coordinator_org
    )
    Contribution.objects.create(deliverable=contributed, organisation=world.own.partner_org)
    not_ours = DeliverableFactory(
        project=world.own.project, code="D8", lead_organisation=world.own.coordinator_org
    )
    page = signed_in("partner").get("/my-work/").content.decode()
    assert f'id="deliverable-{led.pk}"' in page
    assert f'id="deliverable-{contributed.pk}"' in page
    assert f'id="deliverable-{not_ours.pk}"' not in page
    assert f'id="deliverable-{world.other.rows["deliverables"].pk}"' not in page
    # Only what one's organisation leads can be handed in from here.
    assert f"/deliverables/{led.pk}/submit/" in page
    assert f"/deliverables/{contributed.pk}/submit/" not in page


def test_shows_days_left_or_late(signed_in, world):
    today = timezone.localdate()
    world.own.project.end_date = today + timedelta(days=400)
    world.own.project.save()
    soon = DeliverableFactory(
        project=world.own.project,
        code="D7",
        lead_organisation=world.own.partner_org,
        due_date=today + timedelta(days=3),
    )
    page = signed_in("partner").get("/my-work/").content.decode()
    assert "in 3 days" in page
    late_days = (today - world.own.rows["deliverables"].due_date).days
    assert f"{late_days} days late" in page
    assert soon.code in page


def test_submitting_a_link_records_it_and_changes_the_status(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    client = signed_in("partner")
    response = client.post(
        f"/deliverables/{deliverable.pk}/submit/",
        {"link": "https://example.org/guide.pdf", "note": "Final version"},
    )
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED
    submission = deliverable.submissions.get()
    assert (submission.link, submission.note, submission.submitted_by) == (
        "https://example.org/guide.pdf",
        "Final version",
        world.users["partner"],
    )
    page = client.get("/my-work/").content.decode()
    assert f"{deliverable.code} is submitted" in page


def test_submitting_a_file_stores_it(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    upload = SimpleUploadedFile("guide.pdf", PDF, content_type="application/pdf")
    response = signed_in("partner").post(
        f"/deliverables/{deliverable.pk}/submit/", {"file": upload}
    )
    assert response.status_code == 302
    assert deliverable.submissions.get().original_filename == "guide.pdf"


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"link": "javascript:alert(1)"}, "link", "https://"),
        ({"link": "ftp://example.org/x.pdf"}, "link", "https://"),
        ({"link": "not a link at all"}, "link", "https://"),
        ({}, None, "either a link or a file"),
        ({"link": "https://example.org/a", "file": "pdf"}, None, "not both"),
        ({"file": "html-as-pdf"}, "file", "web page markup"),
        ({"file": "oversized"}, "file", "the limit is"),
        ({"file": "no-extension"}, "file", "not accepted"),
    ],
)
def test_bad_submissions_are_refused_beside_the_field_and_keep_what_was_typed(
    signed_in, world, settings, data, field, words
):
    settings.SUBMISSION_MAX_BYTES = len(PDF) + 10
    files = {
        "pdf": SimpleUploadedFile("guide.pdf", PDF),
        "html-as-pdf": SimpleUploadedFile("guide.pdf", b"<html><script>x</script></html>"),
        "oversized": SimpleUploadedFile("guide.pdf", PDF + b"x" * 11),
        "no-extension": SimpleUploadedFile("guide", PDF),
    }
    payload = {**data, "note": "Typed note"}
    if "file" in data:
        payload["file"] = files[data["file"]]
    deliverable = world.own.rows["deliverables"]
    response = signed_in("partner").post(f"/deliverables/{deliverable.pk}/submit/", payload)
    assert response.status_code == 400
    form = response.context["form"]
    errors = " ".join(form.errors.get(field or "__all__", []))
    assert words in errors, form.errors
    page = response.content.decode()
    assert "Typed note" in page
    if "link" in data:
        assert f'value="{data["link"]}"' in page
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.PLANNED
    assert not deliverable.submissions.exists()


def test_another_projects_deliverable_answers_404(signed_in, world):
    foreign = world.other.rows["deliverables"]
    client = signed_in("partner")
    assert client.get(f"/deliverables/{foreign.pk}/submit/").status_code == 404
    assert (
        client.post(
            f"/deliverables/{foreign.pk}/submit/", {"link": "https://example.org/x"}
        ).status_code
        == 404
    )
    assert not foreign.submissions.exists()


def test_a_deliverable_another_partner_leads_is_refused_with_a_reason(signed_in, world):
    theirs = DeliverableFactory(
        project=world.own.project, code="D6", lead_organisation=world.own.coordinator_org
    )
    response = signed_in("partner").post(
        f"/deliverables/{theirs.pk}/submit/", {"link": "https://example.org/x"}
    )
    assert response.status_code == 403
    assert b"lead organisation" in response.content
    assert not theirs.submissions.exists()


def test_forms_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["partner"])
    deliverable = world.own.rows["deliverables"]
    response = client.post(
        f"/deliverables/{deliverable.pk}/submit/", {"link": "https://example.org/x"}
    )
    assert response.status_code == 403
    assert b"Form expired" in response.content
    assert not deliverable.submissions.exists()


def test_marking_my_action_item_done_in_place(signed_in, world):
    item = world.own.rows["action-items"]
    response = signed_in("partner").post(
        f"/action-items/{item.pk}/done/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="action-item-{item.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()  # just the row
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE


def test_marking_done_without_a_script_comes_back_to_my_work(signed_in, world):
    item = world.own.rows["action-items"]
    response = signed_in("partner").post(f"/action-items/{item.pk}/done/")
    assert response.status_code == 302 and response["Location"] == "/my-work/"


def test_a_colleagues_action_item_in_my_own_project_answers_404(signed_in, world):
    colleague = world.own.people[0]  # the coordinator's contact, in the same project
    item = ActionItemFactory(meeting=world.own.rows["meetings"], owner=colleague)
    assert signed_in("partner").post(f"/action-items/{item.pk}/done/").status_code == 404
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_an_officers_my_work_shows_their_own_meetings_not_the_networks(signed_in, world):
    today = timezone.localdate()
    world.own.project.end_date = today + timedelta(days=400)
    world.own.project.save()
    MeetingFactory(
        project=world.own.project, title="Meeting of a project the officer is not in",
        start_date=today + timedelta(days=5), end_date=today + timedelta(days=5),
    )  # fmt: skip
    page = signed_in("officer").get("/my-work/").content.decode()
    assert "Meeting of a project the officer is not in" not in page
    assert "No meeting ahead." in page


def test_approved_deliverables_leave_my_work_after_a_month(signed_in, world):
    lately = DeliverableFactory(
        project=world.own.project, code="A1", lead_organisation=world.own.partner_org,
        status=Deliverable.Status.APPROVED, approved_at=timezone.now() - timedelta(days=3),
    )  # fmt: skip
    long_ago = DeliverableFactory(
        project=world.own.project, code="A2", lead_organisation=world.own.partner_org,
        status=Deliverable.Status.APPROVED, approved_at=timezone.now() - timedelta(days=90),
    )  # fmt: skip
    page = signed_in("partner").get("/my-work/").content.decode()
    assert f'id="deliverable-{lately.pk}"' in page
    assert f'id="deliverable-{long_ago.pk}"' not in page


def test_someone_elses_action_item_answers_404(signed_in, world):
    item = world.other.rows["action-items"]
    assert signed_in("partner").post(f"/action-items/{item.pk}/done/").status_code == 404
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_next_meetings_come_with_an_ics_download(signed_in, world):
    today = timezone.localdate()
    world.own.project.end_date = today + timedelta(days=400)
    world.own.project.save()
    meeting = MeetingFactory(
        project=world.own.project,
        title="Fifth coordination meeting",
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=21),
    )
    client = signed_in("partner")
    page = client.get("/my-work/").content.decode()
    assert "Fifth coordination meeting" in page
    assert f"/meetings/{meeting.pk}.ics" in page
    ics = client.get(f"/meetings/{meeting.pk}.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert "attachment" in ics["Content-Disposition"]
    assert b"SUMMARY:Fifth coordination meeting" in ics.content
    assert client.get(f"/meetings/{world.other.rows['meetings'].pk}.ics").status_code == 404


def test_renewing_the_feed_address_revokes_the_old_one(signed_in, world):
    person = world.own.people[1]
    old = f"/calendar/{person.calendar_token}.ics"
    client = signed_in("partner")
    assert old in client.get("/my-work/").content.decode().replace("http://127.0.0.1:8000", "")
    assert client.get(old).status_code == 200
    response = client.post("/calendar/renew/")
    assert response.status_code == 302
    person.refresh_from_db()
    assert client.get(old).status_code == 404
    new = f"/calendar/{person.calendar_token}.ics"
    assert client.get(new).status_code == 200
    assert new in client.get("/my-work/").content.decode()


def test_the_feed_holds_my_deadlines_and_meetings(client, world):
    person = world.own.people[1]
    feed = client.get(f"/calendar/{person.calendar_token}.ics").content.decode()
    deliverable = world.own.rows["deliverables"]
    assert f"UID:deliverable-{deliverable.pk}@" in feed
    assert f"UID:meeting-{world.own.rows['meetings'].pk}@" in feed
    assert f"UID:action-item-{world.own.rows['action-items'].pk}@" in feed
    assert f"deliverable-{world.other.rows['deliverables'].pk}@" not in feed


def test_nothing_of_a_foreign_project_appears_on_my_work(signed_in, world):
    page = signed_in("partner").get("/my-work/").content.decode()
    assert "OTHER" not in page


def test_the_deliverables_table_is_paged_with_the_total_counted(signed_in, world, monkeypatch):
    monkeypatch.setattr("portal.views.my_work.DELIVERABLES_PER_PAGE", 1)
    first = world.own.rows["deliverables"]
    later = DeliverableFactory(
        project=world.own.project, code="D6", lead_organisation=world.own.partner_org,
        due_date=first.due_date + timedelta(days=1),
    )  # fmt: skip
    client = signed_in("partner")
    page = client.get("/my-work/").content.decode()
    assert f'id="deliverable-{first.pk}"' in page
    assert f'id="deliverable-{later.pk}"' not in page
    assert "1–1 of 2" in page and "?page=2#deliverables-heading" in page
    page = client.get("/my-work/?page=2").content.decode()
    assert f'id="deliverable-{later.pk}"' in page
    assert f'id="deliverable-{first.pk}"' not in page
    assert "2–2 of 2" in page and "?page=1#deliverables-heading" in page
