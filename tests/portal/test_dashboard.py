"""The officers' dashboard, the in-place objective status change and the newsletter drafts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from newsletters.models import NewsletterIssue
from projects.models import Objective, ObjectiveStatusChange
from tests.factories import DeliverableFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/dashboard/"}


def test_officers_see_every_project_with_its_progress(signed_in, world):
    page = signed_in("officer").get("/dashboard/").content.decode()
    assert world.own.project.acronym in page and world.other.project.acronym in page
    assert "Objectives: 0 achieved, 0 almost, 0 at risk, of 1" in page
    assert "Deliverables: 0 approved, 0 submitted, 1 late, of 1" in page


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_the_dashboard_is_for_officers_only(signed_in, world, role):
    response = signed_in(role).get("/dashboard/")
    assert response.status_code == 403
    assert b"This page is for project officers." in response.content


def test_deadlines_of_the_next_two_weeks_and_late_items(signed_in, world):
    today = timezone.localdate()
    project = world.own.project
    project.end_date = today + timedelta(days=100)
    project.save()
    due = {
        days: DeliverableFactory(
            project=project, code=f"N{days}", title=f"Due in {days}",
            lead_organisation=world.own.partner_org, due_date=today + timedelta(days=days),
        )
        for days in (0, 14, 15)
    }  # fmt: skip
    page = signed_in("officer").get("/dashboard/").content.decode()
    upcoming = page[page.index('id="upcoming-heading"') : page.index('id="late-heading"')]
    assert due[0].title in upcoming and due[14].title in upcoming
    assert due[15].title not in upcoming
    late = page[page.index('id="late-heading"') : page.index('id="history-heading"')]
    assert world.own.rows["deliverables"].title in late
    assert world.own.rows["action-items"].description in late


def test_changing_a_status_in_place_records_the_history(signed_in, world):
    objective = world.own.rows["objectives"]
    response = signed_in("officer").post(
        f"/objectives/{objective.pk}/status/",
        {"status": "almost_achieved", "comment": "Reviewed in Torino"},
        headers=HTMX,
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert f'id="objective-{objective.pk}"' in fragment
    assert "Almost achieved" in fragment
    assert 'id="status-history" hx-swap-oob="true"' in fragment
    assert "Reviewed in Torino" in fragment
    change = ObjectiveStatusChange.objects.get(objective=objective)
    assert (change.from_status, change.to_status, change.comment) == (
        "not_started",
        "almost_achieved",
        "Reviewed in Torino",
    )
    assert change.changed_by == world.users["officer"]


def test_without_a_script_the_change_comes_back_to_the_project_page(signed_in, world):
    objective = world.own.rows["objectives"]
    response = signed_in("officer").post(
        f"/objectives/{objective.pk}/status/", {"status": "achieved", "comment": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{world.own.project.pk}/#objectives"
    objective.refresh_from_db()
    assert objective.status == "achieved"


def test_an_unknown_status_is_refused_beside_the_field_keeping_the_comment(signed_in, world):
    objective = world.own.rows["objectives"]
    client = signed_in("officer")
    response = client.post(
        f"/objectives/{objective.pk}/status/", {"status": "finished", "comment": "Typed"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert 'value="Typed"' in response.content.decode()
    in_place = client.post(
        f"/objectives/{objective.pk}/status/", {"status": "finished", "comment": "Typed"},
        headers=HTMX,
    )  # fmt: skip
    assert "Select a valid choice" in in_place.content.decode()
    assert not ObjectiveStatusChange.objects.exists()
    objective.refresh_from_db()
    assert objective.status == Objective.Status.NOT_STARTED


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_a_status_change_without_permission_is_refused(signed_in, world, role):
    objective = world.own.rows["objectives"]
    response = signed_in(role).post(f"/objectives/{objective.pk}/status/", {"status": "achieved"})
    assert response.status_code == 403
    objective.refresh_from_db()
    assert objective.status == Objective.Status.NOT_STARTED


def test_the_objectives_of_a_project_load_when_opened(signed_in, world):
    response = signed_in("officer").get(f"/dashboard/projects/{world.own.project.pk}/objectives/")
    assert world.own.rows["objectives"].title in response.content.decode()
    assert "<html" not in response.content.decode()


def test_drafting_reviewing_editing_approving_and_exporting_an_issue(signed_in, world):
    client = signed_in("officer")
    response = client.post(
        "/dashboard/newsletters/new/",
        {"first": "2023-03-01", "last": "2023-03-31", "language": "en"},
    )
    issue = NewsletterIssue.objects.get()
    assert response["Location"] == f"/dashboard/newsletters/{issue.pk}/"
    review = client.get(response["Location"]).content.decode()
    assert "As it goes out" in review

    edited = "# Project news\n\nOur own **words** and [a trap](javascript:alert(1)).\n"
    client.post(f"/dashboard/newsletters/{issue.pk}/", {"edited_content": edited})
    issue.refresh_from_db()
    assert issue.edited_content == edited
    review = client.get(f"/dashboard/newsletters/{issue.pk}/").content.decode()
    preview = review[review.index('id="preview-heading"') : review.index('id="edit-heading"')]
    assert "<strong" in preview and "words" in preview  # rendered as it goes out
    assert "javascript:" not in preview  # and nothing in it runs

    client.post(f"/dashboard/newsletters/{issue.pk}/approve/")
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.APPROVED
    assert issue.approved_by == world.users["officer"]

    markdown = client.get(f"/dashboard/newsletters/{issue.pk}/export.md")
    assert markdown.content.decode() == edited
    assert "attachment" in markdown["Content-Disposition"]
    assert client.get(f"/dashboard/newsletters/{issue.pk}/export.exe").status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first": "2023-02-30", "last": "2023-03-31", "language": "en"}, "first"),
        ({"first": "2023-03-31", "last": "2023-03-01", "language": "en"}, "last"),
        ({"first": "March", "last": "2023-03-31", "language": "en"}, "first"),
        ({"first": "2023-03-01", "last": "2023-03-31", "language": "xx"}, "language"),
    ],
)
def test_a_bad_period_is_refused_beside_the_field(signed_in, world, data, field):
    response = signed_in("officer").post("/dashboard/newsletters/new/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'value="{data["first"]}"' in response.content.decode()
    assert not NewsletterIssue.objects.exists()


def test_redrafting_an_approved_issue_needs_confirmation(signed_in, world):
    client = signed_in("officer")
    period = {"first": "2023-03-01", "last": "2023-03-31", "language": "en"}
    client.post("/dashboard/newsletters/new/", period)
    issue = NewsletterIssue.objects.get()
    client.post(f"/dashboard/newsletters/{issue.pk}/approve/")
    world.own.rows["meetings"].title = "Renamed meeting"
    world.own.rows["meetings"].save()
    refused = client.post("/dashboard/newsletters/new/", period)
    assert refused.status_code == 400
    assert "confirm" in refused.context["form"].errors
    client.post("/dashboard/newsletters/new/", {**period, "confirm": "on"})
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert date(2023, 3, 1) == issue.period_start


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_newsletter_pages_are_for_officers_only(signed_in, world, role):
    issue = NewsletterIssue.objects.create(
        period_start=date(2023, 3, 1), period_end=date(2023, 3, 31), language="en",
        generated_content="# News\n",
    )  # fmt: skip
    client = signed_in(role)
    for url in ["/dashboard/newsletters/new/", f"/dashboard/newsletters/{issue.pk}/",
                f"/dashboard/newsletters/{issue.pk}/export.md"]:  # fmt: skip
        assert client.get(url).status_code == 403, url
    period = {"first": "2023-03-01", "last": "2023-03-31", "language": "en"}
    assert client.post("/dashboard/newsletters/new/", period).status_code == 403
    assert client.post(f"/dashboard/newsletters/{issue.pk}/approve/").status_code == 403
    edit = client.post(f"/dashboard/newsletters/{issue.pk}/", {"edited_content": "# Mine"})
    assert edit.status_code == 403
    issue.refresh_from_db()
    assert (issue.status, issue.edited_content) == (NewsletterIssue.Status.DRAFT, "")


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_the_objectives_fragment_is_for_officers_only(signed_in, world, role):
    url = f"/dashboard/projects/{world.own.project.pk}/objectives/"
    assert signed_in(role).get(url).status_code == 403


def test_saving_the_same_status_says_so_and_keeps_the_comment(signed_in, world):
    objective = world.own.rows["objectives"]
    response = signed_in("officer").post(
        f"/objectives/{objective.pk}/status/",
        {"status": objective.status, "comment": "Discussed again"},
        headers=HTMX,
    )
    page = response.content.decode()
    assert "already has this status" in page
    assert 'value="Discussed again"' in page
    assert "Saved" not in page
    assert not ObjectiveStatusChange.objects.exists()


def test_an_in_place_request_after_the_session_ended_moves_the_whole_page(client, world):
    objective = world.own.rows["objectives"]
    response = client.post(
        f"/objectives/{objective.pk}/status/", {"status": "achieved"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    objective.refresh_from_db()
    assert objective.status == Objective.Status.NOT_STARTED


def test_progress_bars_have_valid_widths_in_french(signed_in, world):
    ObjectiveFactory(project=world.own.project, status="achieved")
    ObjectiveFactory(project=world.own.project, status="in_progress")
    client = signed_in("officer")
    client.post("/i18n/setlang/", {"language": "fr", "next": "/dashboard/"})
    page = client.get("/dashboard/").content.decode()
    assert "width: 33.3%" in page  # one of three objectives achieved
    assert "33,3%" not in page


def test_the_projects_table_is_paged(signed_in, world, monkeypatch):
    monkeypatch.setattr("portal.views.dashboard.PROJECTS_PER_PAGE", 1)
    client = signed_in("officer")
    first, second = world.other.project, world.own.project  # by acronym: OTHER, OWN
    page = client.get("/dashboard/").content.decode()
    assert f'href="/projects/{first.pk}/"' in page
    assert f'href="/projects/{second.pk}/"' not in page
    assert "1–1 of 2" in page and "?page=2#projects-heading" in page
    page = client.get("/dashboard/?page=2").content.decode()
    assert f'href="/projects/{second.pk}/"' in page
    assert f'href="/projects/{first.pk}/"' not in page
