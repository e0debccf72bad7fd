"""POST /api/deliverables/{id}/request-changes/: the page's review, through the same service."""

import pytest

from deliverables.models import Deliverable, Review
from tests.reviews_world import ROLES, build_review_world, hand_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_world(world):
    return build_review_world(world)


@pytest.fixture
def handed_in(review_world):
    hand_in(review_world.deliverable, review_world.users["partner"])
    return review_world.deliverable


def ask(api, user, deliverable, body):
    return api(user).post(
        f"/api/deliverables/{deliverable.pk}/request-changes/", body, format="json"
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_coordinator_and_officers_send_a_deliverable_back(api, review_world, handed_in, role):
    response = ask(api, review_world.users.get(role), handed_in, {"comment": "Add the logos."})
    handed_in.refresh_from_db()
    if role in ("officer", "coordinator"):
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["decision"] == "changes_requested"
        assert body["comment"] == "Add the logos."
        assert body["reviewed_by"] == role
        assert body["submission"] == handed_in.submissions.get().pk
        assert handed_in.status == Deliverable.Status.CHANGES_REQUESTED
        listed = api(review_world.users["partner"]).get(f"/api/deliverables/{handed_in.pk}/")
        assert listed.json()["status"] == "changes_requested"
        return
    expected = {"anonymous": (401, 403), "partner": (403,), "contributor": (403,)}
    assert response.status_code in expected.get(role, (404,))
    if response.status_code == 403 and role != "anonymous":
        assert "coordinator review" in response.json()["detail"]  # the page's words
    assert handed_in.status == Deliverable.Status.SUBMITTED
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "body, field",
    [({"comment": ""}, "comment"), ({"comment": "  "}, "comment"), ({}, "comment"),
     ({"comment": "x" * 2001}, "comment"), ({"comment": "Fine", "extra": 1}, "extra")],
)  # fmt: skip
def test_a_request_without_a_comment_is_refused(api, review_world, handed_in, body, field):
    response = ask(api, review_world.users["coordinator"], handed_in, body)
    assert response.status_code == 400
    assert field in response.json()
    handed_in.refresh_from_db()
    assert handed_in.status == Deliverable.Status.SUBMITTED
    assert not Review.objects.exists()


def test_only_a_submitted_deliverable_is_sent_back(api, review_world):
    coordinator = review_world.users["coordinator"]
    response = ask(api, coordinator, review_world.deliverable, {"comment": "x"})
    assert response.status_code == 400
    assert "Only a submitted deliverable" in str(response.json())


def test_the_status_cannot_be_set_to_changes_requested_by_hand(api, review_world, handed_in):
    response = api(review_world.users["coordinator"]).patch(
        f"/api/deliverables/{handed_in.pk}/", {"status": "changes_requested"}, format="json"
    )
    assert response.status_code == 400
    assert "/request-changes/" in str(response.json())


def test_approving_records_its_round_and_the_partner_may_submit_again_after_changes(
    api, review_world, handed_in
):
    coordinator, partner = review_world.users["coordinator"], review_world.users["partner"]
    ask(api, coordinator, handed_in, {"comment": "Add the logos."})
    again = api(partner).post(
        f"/api/deliverables/{handed_in.pk}/submit/",
        {"link": "https://example.org/guide-v2.pdf"},
        format="json",
    )
    assert again.status_code == 201
    assert api(coordinator).post(f"/api/deliverables/{handed_in.pk}/approve/").status_code == 200
    rounds = list(Review.objects.order_by("created_at").values_list("decision", "submission"))
    submissions = list(handed_in.submissions.order_by("created_at").values_list("pk", flat=True))
    assert rounds == [("changes_requested", submissions[0]), ("approved", submissions[1])]


def test_an_approval_through_the_api_may_carry_a_comment(api, review_world, handed_in):
    response = api(review_world.users["coordinator"]).post(
        f"/api/deliverables/{handed_in.pk}/approve/", {"comment": "Well done."}, format="json"
    )
    assert response.status_code == 200
    assert Review.objects.get().comment == "Well done."
    too_long = api(review_world.users["coordinator"]).post(
        f"/api/deliverables/{handed_in.pk}/approve/", {"comment": "x"}, format="json"
    )
    assert too_long.status_code == 400  # approved already: the same refusal as the page's


def test_the_schema_documents_the_action(api, review_world):
    schema = api(review_world.users["officer"]).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/deliverables/{id}/request-changes/"]["post"]
    assert "201" in operation["responses"]
    assert "RequestChangesRequest" in str(operation["requestBody"])
    request = schema["components"]["schemas"]["RequestChangesRequest"]
    assert request["required"] == ["comment"]
    assert request["properties"]["comment"]["maxLength"] == 2000


def test_a_second_reviewer_reading_a_stale_page_records_no_second_round(review_world, handed_in):
    from django.core.exceptions import ValidationError

    from deliverables.services import approve_deliverable, request_changes

    stale = Deliverable.objects.get(pk=handed_in.pk)  # as the second reviewer read it
    approve_deliverable(deliverable=handed_in, approved_by=review_world.users["officer"])
    with pytest.raises(ValidationError, match="this one is approved"):
        request_changes(
            deliverable=stale, requested_by=review_world.users["coordinator"], comment="Wait"
        )
    assert list(Review.objects.values_list("decision", flat=True)) == ["approved"]
