"""A deliverable's page: what it is, every round of handing in and review, and the review
itself, for every role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliverables.models import Deliverable, Review, Submission
from deliverables.services import request_changes
from tests.reviews_world import ROLES, build_review_world, hand_in

pytestmark = pytest.mark.django_db

SEES = {"officer", "coordinator", "partner", "contributor"}
REVIEWS = {"officer", "coordinator"}


@pytest.fixture
def review_world(world):
    return build_review_world(world)


@pytest.fixture
def as_role(client, review_world):
    def sign_in(role: str):
        client.logout()
        if role != "anonymous":
            client.force_login(review_world.users[role])
        return client

    return sign_in


@pytest.fixture
def handed_in(review_world):
    partner = review_world.users["partner"]
    hand_in(review_world.deliverable, partner, note="First draft, chapters 1-3")
    return review_world.deliverable


@pytest.mark.parametrize("role", ROLES)
def test_the_page_shows_the_deliverable_to_whoever_sees_its_project(as_role, handed_in, role):
    response = as_role(role).get(f"/deliverables/{handed_in.pk}/")
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
        return
    if role not in SEES:
        assert response.status_code == 404  # a project one is not in does not exist
        return
    assert response.status_code == 200
    page = response.content.decode()
    main = page.split("<main", 1)[1]
    assert handed_in.code in main and handed_in.title in main
    assert handed_in.lead_organisation.name in main
    assert "Contributor" in main or "contributor" in main.lower()
    assert 'href="https://example.org/guide-v1.pdf"' in main
    assert "First draft, chapters 1-3" in main
    assert ("Request changes" in main) == (role in REVIEWS)
    assert (f"/deliverables/{handed_in.pk}/approve/" in main) == (role in REVIEWS)
    # The lead's contacts, the coordinator and the officers may hand in again; a contributor not.
    assert (f"/deliverables/{handed_in.pk}/submit/" in main) == (role != "contributor")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_and_officers_request_changes(as_role, review_world, handed_in, role):
    response = as_role(role).post(
        f"/deliverables/{handed_in.pk}/request-changes/", {"comment": "Add the partners' logos."}
    )
    handed_in.refresh_from_db()
    if role in REVIEWS:
        assert response.status_code == 302
        assert response.url == f"/deliverables/{handed_in.pk}/"
        assert handed_in.status == Deliverable.Status.CHANGES_REQUESTED
        review = Review.objects.get(deliverable=handed_in)
        assert review.comment == "Add the partners' logos."
        assert review.decision == Review.Decision.CHANGES_REQUESTED
        assert review.reviewed_by == review_world.users[role]
        assert review.submission == handed_in.submissions.get()
        return
    expected = {"anonymous": 302, "partner": 403, "contributor": 403}.get(role, 404)
    assert response.status_code == expected
    assert handed_in.status == Deliverable.Status.SUBMITTED
    assert not Review.objects.exists()


@pytest.mark.parametrize("comment", ["", "   \n  ", "x" * 2001])
def test_a_request_without_a_fitting_comment_is_refused_beside_the_field(
    as_role, handed_in, comment
):
    response = as_role("coordinator").post(
        f"/deliverables/{handed_in.pk}/request-changes/", {"comment": comment}
    )
    assert response.status_code == 400
    form = response.context["review_form"]
    assert form.errors["comment"]
    page = response.content.decode()
    field = page[page.index('class="field has-error"') :]
    message = "Say what should change." if len(comment) < 2000 else "2000 characters"
    assert message in field[: field.index("</textarea>")]
    if comment.strip():
        assert comment[:50] in page  # what was typed is kept
    handed_in.refresh_from_db()
    assert handed_in.status == Deliverable.Status.SUBMITTED
    assert not Review.objects.exists()


def test_a_deliverable_not_handed_in_cannot_be_sent_back(as_role, review_world):
    deliverable = review_world.deliverable  # planned
    client = as_role("coordinator")
    page = client.get(f"/deliverables/{deliverable.pk}/").content.decode()
    assert "Request changes" not in page.split("<main", 1)[1]
    response = client.post(
        f"/deliverables/{deliverable.pk}/request-changes/", {"comment": "Too early"}, follow=True
    )
    assert "Only a submitted deliverable can be approved or sent back" in response.content.decode()
    assert not Review.objects.exists()


def test_the_form_is_protected_by_csrf(client, review_world, handed_in):
    client.handler.enforce_csrf_checks = True
    client.force_login(review_world.users["coordinator"])
    response = client.post(f"/deliverables/{handed_in.pk}/request-changes/", {"comment": "No"})
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_every_round_stays_listed_in_order(as_role, review_world):
    deliverable = review_world.deliverable
    partner, coordinator = review_world.users["partner"], review_world.users["coordinator"]
    for n in (1, 2):
        hand_in(deliverable, partner, link=f"https://example.org/guide-v{n}.pdf")
        request_changes(
            deliverable=deliverable, requested_by=coordinator, comment=f"Round {n}: more data"
        )
    client = as_role("partner")
    client.post(
        f"/deliverables/{deliverable.pk}/submit/",
        {"link": "https://example.org/guide-v3.pdf", "note": "All done"},
    )
    client = as_role("coordinator")
    assert client.post(f"/deliverables/{deliverable.pk}/approve/").status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.APPROVED
    page = client.get(f"/deliverables/{deliverable.pk}/").content.decode()
    thread = page[page.index('id="review-thread"') :]
    order = [
        "guide-v1.pdf", "Round 1: more data", "guide-v2.pdf", "Round 2: more data",
        "guide-v3.pdf", "Approved",
    ]  # fmt: skip
    positions = [thread.index(text) for text in order]
    assert positions == sorted(positions)
    approval = Review.objects.get(decision=Review.Decision.APPROVED)
    assert approval.submission.link.endswith("guide-v3.pdf")
    assert approval.reviewed_by == coordinator


def test_a_file_is_offered_through_the_protected_download(as_role, review_world):
    from django.core.files.base import ContentFile

    submission = Submission(
        deliverable=review_world.deliverable, submitted_by=review_world.users["partner"]
    )
    submission.original_filename = "guide.pdf"
    submission.file.save("upload.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    submission.save()
    page = as_role("contributor").get(f"/deliverables/{review_world.deliverable.pk}/")
    download = f"/api/submissions/{submission.pk}/download/"
    assert download in page.content.decode()
    assert as_role("contributor").get(download).status_code == 200
    assert as_role("foreign-partner").get(download).status_code == 404


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_the_page_runs_the_same_queries_for_3_and_30_rounds(as_role, review_world, role):
    deliverable = review_world.deliverable
    partner, coordinator = review_world.users["partner"], review_world.users["coordinator"]
    url = f"/deliverables/{deliverable.pk}/"
    counts = []
    done = 0
    for size in (3, 30):
        for n in range(done, size):
            hand_in(deliverable, partner, link=f"https://example.org/v{n}.pdf")
            request_changes(deliverable=deliverable, requested_by=coordinator, comment=f"R{n}")
        done = size
        hand_in(deliverable, partner, link="https://example.org/last.pdf")
        client = as_role(role)
        count_queries(client, url)  # the session and the language are read once
        counts.append(count_queries(client, url))
        Submission.objects.filter(link="https://example.org/last.pdf").delete()
    assert counts[0] == counts[1], counts
