"""The editors' side: approving, drafting again, exporting, the API and the monthly job."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from newsletters.exports import as_html
from newsletters.models import NewsletterIssue
from newsletters.services import approve_issue, draft_previous_month, save_draft
from tasks.newsletters import draft_last_month

pytestmark = pytest.mark.django_db
FIRST, LAST = date(2018, 9, 1), date(2018, 10, 31)


def user(name):
    return get_user_model().objects.get(username=name)


def test_an_approved_issue_is_drafted_again_only_when_confirmed_and_keeps_the_edit(demo):
    issue = save_draft(first=FIRST, last=LAST, language="en")
    issue.edited_content = "The editor's words."
    issue.save()
    approve_issue(issue=issue, approved_by=user("officer"))
    assert (issue.status, issue.approved_by.username) == ("approved", "officer")

    NewsletterIssue.objects.filter(pk=issue.pk).update(generated_content="old")
    with pytest.raises(ValidationError, match="confirm"):
        save_draft(first=FIRST, last=LAST, language="en")
    again = save_draft(first=FIRST, last=LAST, language="en", confirm=True)
    assert again.status == "draft" and again.edited_content == "The editor's words."
    assert "COCADE" in again.generated_content
    with pytest.raises(ValidationError, match="Only a draft"):
        approve_issue(issue=approve_issue(issue=again, approved_by=user("officer")),
                      approved_by=user("officer"))  # fmt: skip


def test_the_html_export_carries_its_styles_inline(demo):
    issue = save_draft(first=FIRST, last=LAST, language="fr")
    html = as_html(issue.content, issue.language)
    assert "Cofinancé par l’Union européenne" in html and html.count("<polygon") == 12
    assert '<h1 style="' in html and '<li style="' in html and "<style" not in html
    assert "Avancement du projet Erasmus+ COCADE" in html


def test_the_monthly_job_drafts_last_month_in_each_language_once(demo):
    assert draft_last_month("2018-11-01") == 6
    assert draft_last_month("2018-11-01") == 6
    issues = NewsletterIssue.objects.all()
    assert {(i.period_start, i.period_end, i.language) for i in issues} == {
        (date(2018, 10, 1), date(2018, 10, 31), language)
        for language in ("en", "fr", "de", "es", "it", "pt")
    }
    assert len(draft_previous_month(today=date(2019, 1, 1))) == 6


def test_officers_draft_edit_approve_and_export_through_the_api(demo):
    api = APIClient()
    api.force_authenticate(user("officer"))
    created = api.post("/api/newsletters/", {"period_start": "2018-09-01",
                       "period_end": "2018-10-31", "language": "fr"}, format="json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert "COCADE" in created.json()["generated_content"]
    edited = api.patch(f"/api/newsletters/{pk}/", {"edited_content": "# Édité"}, format="json")
    assert edited.status_code == 200
    refused = api.patch(f"/api/newsletters/{pk}/", {"status": "published"}, format="json")
    assert refused.json()["status"] == "draft"  # read-only: approving has its own action
    assert api.post(f"/api/newsletters/{pk}/approve/").json()["status"] == "approved"
    exported = api.get(f"/api/newsletters/{pk}/export/?output=html")
    assert exported["Content-Type"].startswith("text/html") and "Édité" in exported.content.decode()
    assert api.get(f"/api/newsletters/{pk}/export/?output=docx").status_code == 400
    bad = api.post("/api/newsletters/", {"period_start": "2018-10-31",
                   "period_end": "2018-09-01", "language": "fr"}, format="json")  # fmt: skip
    assert bad.status_code == 400 and "ends" in str(bad.json())


def test_only_officers_see_newsletter_drafts(demo):
    partner = APIClient()
    partner.force_authenticate(user("partner"))
    assert partner.get("/api/newsletters/").status_code == 403
    assert APIClient().get("/api/newsletters/").status_code == 401


def test_the_admin_drafts_approves_and_downloads(demo, client):
    client.force_login(user("officer"))
    response = client.post("/admin/newsletters/newsletterissue/add/", {
        "period_start": "2018-09-01", "period_end": "2018-10-31", "language": "en",
        "edited_content": "",
    })  # fmt: skip
    assert response.status_code == 302
    issue = NewsletterIssue.objects.get()
    assert "COCADE" in issue.generated_content
    changelist = "/admin/newsletters/newsletterissue/"
    client.post(changelist, {"action": "approve", "_selected_action": [issue.pk]})
    issue.refresh_from_db()
    assert issue.status == "approved"
    confirm = client.post(changelist, {"action": "redraft", "_selected_action": [issue.pk]})
    assert b"Draft these issues again?" in confirm.content
    download = client.post(
        changelist, {"action": "export_markdown", "_selected_action": [issue.pk]}
    )
    # Two months, named for both.
    assert download["Content-Disposition"] == (
        'attachment; filename="newsletter-2018-09-2018-10-en.md"'
    )


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_opens_and_names_the_projects_with_a_chart_each(demo, tmp_path):
    target = tmp_path / "newsletter.pdf"
    call_command("generate_newsletter", "--from", "2018-09-01", "--to", "2018-10-31",
                 "--lang", "fr", "--format", "pdf", "--output", str(target))  # fmt: skip
    content = target.read_bytes()
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert "COCADE" in text and "DIMESCA" in text
    assert "Les projets en un coup d’œil" in text and "Objectifs" in text
    assert "Cofinancé par l’Union européenne" in text and "septembre" in text


def test_the_progress_chart_counts_objectives_and_deliverables(demo):
    from newsletters.charts import progress_chart
    from newsletters.selectors import newsletter_facts

    [cocade] = newsletter_facts(FIRST, LAST, today=date(2018, 11, 1)).progress
    svg = progress_chart(cocade)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title>almost achieved: 3</title>" in svg
    assert "<title>under way: 4</title>" in svg
    assert "<title>open: 1</title>" in svg  # the Vademecum, due after the period


def test_the_api_serves_the_pdf_as_an_attachment(demo):
    issue = save_draft(first=FIRST, last=LAST, language="en")
    api = APIClient()
    api.force_authenticate(user("officer"))
    response = api.get(f"/api/newsletters/{issue.pk}/export/?output=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "COCADE" in pdf_text(response.content)
