"""The editor's text changes through one service, whether from the pages, the API or the admin:
a published issue is final, and editing an approved issue sends it back to draft."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from newsletters.models import NewsletterIssue
from newsletters.services import approve_issue, save_edit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = NewsletterIssue.Status


def issue_in(status: str) -> NewsletterIssue:
    return NewsletterIssue.objects.create(
        period_start=date(2018, 9, 1), period_end=date(2018, 10, 31), language="en",
        generated_content="# Generated\n", edited_content="The editor's words.\n", status=status,
    )  # fmt: skip


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_refuses_to_change_a_published_issue(officer):
    issue = issue_in(Status.PUBLISHED)
    response = api_as(officer).patch(
        f"/api/newsletters/{issue.pk}/", {"edited_content": "Changed after sending."}, format="json"
    )
    assert response.status_code == 400
    assert "can no longer change" in str(response.json())
    issue.refresh_from_db()
    assert issue.edited_content == "The editor's words.\n"


def test_an_approved_issue_edited_through_the_api_needs_approving_again(officer):
    issue = issue_in(Status.APPROVED)
    response = api_as(officer).patch(
        f"/api/newsletters/{issue.pk}/", {"edited_content": "Better words."}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["edited_content"]) == (
        "draft",
        "Better words.\n",
    )


def admin_change(client, issue, text):
    return client.post(
        f"/admin/newsletters/newsletterissue/{issue.pk}/change/",
        {"period_start": "2018-09-01", "period_end": "2018-10-31", "language": "en",
         "edited_content": text},
    )  # fmt: skip


def test_the_admin_cannot_change_a_published_issue(client, officer):
    client.force_login(officer)
    issue = issue_in(Status.PUBLISHED)
    admin_change(client, issue, "Changed after sending.")
    issue.refresh_from_db()
    assert issue.edited_content == "The editor's words.\n"


def test_an_approved_issue_edited_in_the_admin_goes_back_to_draft(client, officer):
    client.force_login(officer)
    issue = issue_in(Status.APPROVED)
    response = admin_change(client, issue, "Better words.")
    assert response.status_code == 302, response.content
    issue.refresh_from_db()
    assert (issue.status, issue.edited_content) == (Status.DRAFT, "Better words.\n")


def test_the_approved_issue_page_offers_publishing_and_publishes(client, officer):
    client.force_login(officer)
    issue = issue_in(Status.APPROVED)
    page = client.get(f"/dashboard/newsletters/{issue.pk}/")
    assert f'action="/dashboard/newsletters/{issue.pk}/publish/"' in page.content.decode()
    response = client.post(f"/dashboard/newsletters/{issue.pk}/publish/")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Status.PUBLISHED


def test_only_officers_edit_or_approve_an_issue_even_calling_the_services():
    someone = UserFactory(username="someone")
    issue = issue_in(Status.DRAFT)
    with pytest.raises(PermissionDenied):
        save_edit(issue=issue, content="Mine now.", edited_by=someone)
    with pytest.raises(PermissionDenied):
        approve_issue(issue=issue, approved_by=someone)
    issue.refresh_from_db()
    assert (issue.status, issue.edited_content) == (Status.DRAFT, "The editor's words.\n")


@pytest.mark.parametrize("step", ["approve", "publish"])
def test_a_step_that_takes_no_body_refuses_one_rather_than_ignore_it(officer, step):
    """{"dry_run": true} sent to publish must not have the issue sent to every subscriber."""
    issue = issue_in(Status.DRAFT if step == "approve" else Status.APPROVED)
    response = api_as(officer).post(
        f"/api/newsletters/{issue.pk}/{step}/", {"dry_run": True}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"dry_run": ["Unknown field; see the schema at /api/docs/."]}
    issue.refresh_from_db()
    assert issue.status == (Status.DRAFT if step == "approve" else Status.APPROVED)


def test_an_export_refuses_a_parameter_it_does_not_have(officer):
    issue = issue_in(Status.APPROVED)
    response = api_as(officer).get(f"/api/newsletters/{issue.pk}/export/?outptu=pdf")
    assert response.status_code == 400
    assert "outptu" in response.json()
