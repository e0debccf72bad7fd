"""The coordinator approves with what was handed in before their eyes, and confirms first."""

import pytest
from django.core.files.base import ContentFile

from deliverables.models import Deliverable, Review, Submission
from deliverables.services import MAX_COMMENT_LENGTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_in(world):
    deliverable = world.own.rows["deliverables"]
    partner = world.users["partner"]
    partner.person.first_name, partner.person.last_name = "Jana", "Becker"
    partner.person.save()
    Submission.objects.create(
        deliverable=deliverable,
        submitted_by=partner,
        link="https://example.org/guide-v2.pdf",
        note="Second version, with the partners' comments",
    )
    Deliverable.objects.filter(pk=deliverable.pk).update(status=Deliverable.Status.SUBMITTED)
    return deliverable


def test_the_project_page_shows_the_submission_beside_the_approve_link(signed_in, world, handed_in):
    page = signed_in("coordinator").get(f"/projects/{world.own.project.pk}/").content.decode()
    row = page[page.index(f'id="deliverable-{handed_in.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'href="https://example.org/guide-v2.pdf"' in row
    assert "Second version, with the partners&#x27; comments" in row
    assert "handed in by Jana Becker" in row
    assert f"/deliverables/{handed_in.pk}/approve/?next=" in row
    assert 'method="post"' not in row  # approving takes a confirmation first


def test_the_approve_link_asks_to_confirm_with_the_submission_shown(signed_in, handed_in):
    client = signed_in("coordinator")
    page = client.get(f"/deliverables/{handed_in.pk}/approve/").content.decode()
    assert 'href="https://example.org/guide-v2.pdf"' in page
    assert "by Jana Becker on" in page
    assert "Second version" in page
    main = page.split("<main")[1]
    assert 'method="post"' in main and f"Approve {handed_in.code}" in main
    handed_in.refresh_from_db()
    assert handed_in.status == Deliverable.Status.SUBMITTED  # looking approves nothing

    response = client.post(f"/deliverables/{handed_in.pk}/approve/")
    assert response.status_code == 302
    handed_in.refresh_from_db()
    assert handed_in.status == Deliverable.Status.APPROVED


def test_a_file_is_offered_for_download_on_the_confirmation(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    submission = Submission(deliverable=deliverable, submitted_by=world.users["partner"])
    submission.original_filename = "guide.pdf"
    submission.file.save("upload.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    submission.save()
    Deliverable.objects.filter(pk=deliverable.pk).update(status=Deliverable.Status.SUBMITTED)
    page = signed_in("coordinator").get(f"/deliverables/{deliverable.pk}/approve/")
    assert f"/api/submissions/{submission.pk}/download/" in page.content.decode()
    assert "guide.pdf" in page.content.decode()


def test_a_partner_may_not_open_the_confirmation(signed_in, handed_in):
    assert signed_in("partner").get(f"/deliverables/{handed_in.pk}/approve/").status_code == 403


def test_the_confirmation_of_a_deliverable_not_handed_in_offers_no_approval(signed_in, world):
    page = signed_in("coordinator").get(
        f"/deliverables/{world.own.rows['deliverables'].pk}/approve/"
    )
    assert "Nothing has been handed in" in page.content.decode()
    assert 'method="post"' not in page.content.decode().split("<main")[1]


def test_an_approval_may_carry_a_word_for_the_lead_kept_in_the_history(signed_in, handed_in):
    client = signed_in("coordinator")
    response = client.post(
        f"/deliverables/{handed_in.pk}/approve/", {"comment": "Clear and complete, thank you."}
    )
    assert response.status_code == 302
    review = Review.objects.get(deliverable=handed_in)
    assert (review.decision, review.comment) == ("approved", "Clear and complete, thank you.")
    page = signed_in("partner").get(f"/deliverables/{handed_in.pk}/").content.decode()
    assert "Clear and complete, thank you." in page


def test_a_comment_too_long_is_refused_beside_the_field_and_nothing_is_approved(
    signed_in, handed_in
):
    response = signed_in("coordinator").post(
        f"/deliverables/{handed_in.pk}/approve/", {"comment": "x" * (MAX_COMMENT_LENGTH + 1)}
    )
    assert response.status_code == 200
    assert "Keep the comment to 2000 characters." in response.content.decode()
    handed_in.refresh_from_db()
    assert handed_in.status == Deliverable.Status.SUBMITTED
    assert not Review.objects.exists()
