"""One rule for a deliverable's link, said in the form's help and enforced alike by the API,
the pages and the admin: https:// to a public site."""

import pytest
from django.core.exceptions import ValidationError

from deliverables.links import REFUSAL, validate_submission_link
from deliverables.models import Deliverable, Submission

REFUSED = [
    "http://example.org/report.pdf",
    "https://localhost/report.pdf",
    "https://intranet.local/report.pdf",
    "https://192.168.1.10/report.pdf",
    "https://[::1]/report.pdf",
    "ftp://example.org/report.pdf",
]
ACCEPTED = ["https://example.org/report.pdf", "https://drive.example.com/d/abc?usp=sharing"]


@pytest.mark.parametrize("link", REFUSED)
def test_the_rule_refuses_what_the_coordinator_cannot_open_safely(link):
    with pytest.raises(ValidationError) as refusal:
        validate_submission_link(link)
    assert refusal.value.messages == [str(REFUSAL)]


@pytest.mark.parametrize("link", ACCEPTED)
def test_the_rule_accepts_public_https_links(link):
    validate_submission_link(link)


@pytest.mark.parametrize("link", REFUSED[:3])
def test_api_and_page_refuse_the_same_links_with_the_same_words(world, api, client, link):
    deliverable = world.own.rows["deliverables"]
    partner = world.users["partner"]
    answer = api(partner).post(
        f"/api/deliverables/{deliverable.pk}/submit/", {"link": link}, format="json"
    )
    assert answer.status_code == 400
    assert str(REFUSAL) in str(answer.json())

    client.force_login(partner)
    page = client.post(f"/deliverables/{deliverable.pk}/submit/", {"link": link})
    assert page.status_code == 400
    assert str(REFUSAL) in page.content.decode().replace("&#x27;", "'")

    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.PLANNED
    assert not Submission.objects.filter(deliverable=deliverable).exists()


def test_the_submit_form_states_the_rule_it_enforces(world, client):
    client.force_login(world.users["partner"])
    page = client.get(f"/deliverables/{world.own.rows['deliverables'].pk}/submit/")
    assert "https://" in page.content.decode()
    assert "not localhost or an IP address" in page.content.decode()


def test_the_admin_refuses_the_same_links(world):
    submission = Submission(
        deliverable=world.own.rows["deliverables"], link="https://localhost/x.pdf"
    )
    with pytest.raises(ValidationError) as refusal:
        submission.full_clean(exclude=["submitted_by"])
    assert str(REFUSAL) in refusal.value.message_dict["link"]
