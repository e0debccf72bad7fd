"""Officers create, edit and copy projects from the pages, with the model's rules and words."""

from datetime import date

import pytest

from deliverables.models import WorkPackage
from projects.models import Objective, Project
from tests.factories import ObjectiveFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "acronym": "GUIDE4ALL",
    "title": "Guidance for all",
    "action": "KA220-ADU",
    "reference_number": "2024-1-FR01-KA220-ADU-000123456",
    "national_agency": "FR01 – Agence Erasmus+ France",
    "start_date": "2024-11-01",
    "end_date": "2026-10-31",
    "eu_grant": "250000.00",
    "deadline_reminder_days": "30, 14, 7",
    "meeting_reminder_days": "14,2",
    "interim_report_due": "2025-11-30",
    "website": "https://guide4all.example.org/",
    "description": "Guidance for adults, everywhere.",
}


def errors_beside(page: str, field: str) -> str:
    """The HTML of the field's group: its label, input and errors."""
    start = page.index(f'name="{field}"')
    group_start = page.rindex('<div class="field', 0, start)
    return page[group_start : page.index('<div class="field', start)]


def test_an_officer_creates_a_project_with_lead_times_and_officer(signed_in, world):
    officer = world.users["officer"]
    response = signed_in("officer").post("/projects/new/", {**FIELDS, "officer": officer.pk})
    project = Project.objects.get(acronym="GUIDE4ALL")
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/partners/"
    assert project.deadline_reminder_days == [30, 14, 7]
    assert project.meeting_reminder_days == [14, 2]
    assert project.officer == officer
    assert project.interim_report_due == date(2025, 11, 30)
    assert project.status == Project.Status.ENDED  # its dates are behind the clock's today


def test_the_officers_offered_are_named_as_people(signed_in, world):
    officer = world.users["officer"]
    PersonFactory(first_name="Camille", last_name="Dubois", user=officer)
    page = signed_in("officer").get("/projects/new/").content.decode()
    assert f'<option value="{officer.pk}" selected>Camille Dubois</option>' in page


def test_a_new_project_starts_in_the_status_its_dates_give(signed_in, settings):
    settings.DEMO_TODAY = date(2024, 10, 15)
    signed_in("officer").post("/projects/new/", FIELDS)
    assert Project.objects.get(acronym="GUIDE4ALL").status == Project.Status.IN_PREPARATION


def test_the_edit_form_shows_lead_times_as_people_write_them(signed_in, world):
    project = world.own.project
    page = signed_in("officer").get(f"/projects/{project.pk}/edit/").content.decode()
    assert 'value="30, 7, 1"' in page
    assert 'value="14, 2"' in page


def test_an_officer_edits_a_project(signed_in, world):
    project = world.own.project
    data = {**FIELDS, "acronym": "OWN", "reference_number": project.reference_number,
            "action": project.action, "start_date": "2022-01-01", "end_date": "2024-12-31",
            "interim_report_due": "", "deadline_reminder_days": "60; 30"}  # fmt: skip
    response = signed_in("officer").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    project.refresh_from_db()
    assert project.deadline_reminder_days == [60, 30]
    assert project.title == "Guidance for all"


BAD_INPUT = [
    ("deadline_reminder_days", "30, soon", "Write whole numbers of days separated by commas"),
    ("deadline_reminder_days", "30, 400", "400 is not a number of days between 1 and 365."),
    ("meeting_reminder_days", "7, 7", "Each number of days may appear once."),
    ("meeting_reminder_days", "", "This field is required."),
    ("end_date", "2024-01-01", "The end date must be on or after the start date."),
    ("reference_number", "2024-XYZ", "Use the agency&#x27;s format"),
    ("reference_number", "2024-1-FR01-KA202-000123", "This reference is for KA202"),
    ("acronym", "own", "Another project already uses this acronym."),
    ("eu_grant", "-5", "Ensure this value is greater than or equal to 0."),
    ("interim_report_due", "2024-01-01", "The interim report cannot be due before the start."),
    ("interim_report_due", "2099-12-31", "The interim report cannot be due after the end."),
    # Digits str.isdigit() takes but int() does not read, or more digits than it reads.
    ("deadline_reminder_days", "²", "Write whole numbers of days separated by commas"),
    ("deadline_reminder_days", "30, ¹⁴", "Write whole numbers of days separated by commas"),
    ("deadline_reminder_days", "⑤", "Write whole numbers of days separated by commas"),
    ("meeting_reminder_days", "9" * 5000, "Write whole numbers of days separated by commas"),
    ("website", "guide4all", "Enter a valid URL."),
    ("start_date", "2024-13-01", "Enter a valid date."),
    ("acronym", "", "This field is required."),
    ("action", "KA999", "Select a valid choice."),
]


@pytest.mark.parametrize(("field", "value", "words"), BAD_INPUT)
def test_bad_input_is_refused_beside_its_field_and_kept(signed_in, field, value, words):
    response = signed_in("officer").post("/projects/new/", {**FIELDS, field: value})
    assert response.status_code == 400
    page = response.content.decode()
    group = errors_beside(page, field)
    assert "errorlist" in group and words in group, group
    assert not Project.objects.filter(acronym="GUIDE4ALL").exists()
    assert FIELDS["title"] in page  # what was typed stays


def edited(project, **changes) -> dict:
    """The edit form of the world's own project as sent, with some values changed."""
    return {**FIELDS, "acronym": "OWN", "reference_number": project.reference_number,
            "action": project.action, "start_date": "2022-01-01", "end_date": "2024-12-31",
            "interim_report_due": "", **changes}  # fmt: skip


@pytest.mark.parametrize("typed", ["²", "30, ¹⁴", "⑤", "9" * 5000])
def test_lead_times_in_other_digits_are_refused_beside_the_field_on_edit(signed_in, world, typed):
    project = world.own.project
    data = edited(project, title="Renamed", meeting_reminder_days=typed)
    response = signed_in("officer").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 400
    assert "Write whole numbers of days" in errors_beside(
        response.content.decode(), "meeting_reminder_days"
    )
    project.refresh_from_db()
    assert project.title != "Renamed"


def test_an_empty_post_is_refused_with_every_required_field_said(signed_in, world):
    project = world.own.project.pk
    client = signed_in("officer")
    for url in ["/projects/new/", f"/projects/{project}/edit/", f"/projects/{project}/copy/"]:
        response = client.post(url, {})
        assert response.status_code == 400, url
        assert "This field is required." in errors_beside(response.content.decode(), "title"), url


def test_a_period_that_leaves_a_deliverable_out_is_refused_beside_the_end_date(signed_in, world):
    project = world.own.project  # D1 is due on 2023-06-30
    data = edited(project, end_date="2023-01-31")
    response = signed_in("officer").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 400
    group = errors_beside(response.content.decode(), "end_date")
    assert "D1 would fall outside the project" in group
    project.refresh_from_db()
    assert project.end_date != date(2023, 1, 31)


def test_a_period_starting_after_a_deliverable_is_refused_beside_the_start_date(signed_in, world):
    project = world.own.project  # D1 is due on 2023-06-30
    data = edited(project, start_date="2023-07-01")
    response = signed_in("officer").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 400
    assert "D1 would fall outside the project" in errors_beside(
        response.content.decode(), "start_date"
    )


def test_only_a_project_officer_may_be_in_charge(signed_in, world):
    stranger = UserFactory(username="stranger")
    response = signed_in("officer").post("/projects/new/", {**FIELDS, "officer": stranger.pk})
    assert response.status_code == 400
    assert "errorlist" in errors_beside(response.content.decode(), "officer")
    assert not Project.objects.filter(acronym="GUIDE4ALL").exists()


def test_a_copy_takes_the_plan_but_no_dates_people_or_deliverables(signed_in, world):
    source = world.own.project
    source.deadline_reminder_days = [45, 10]
    source.save()
    ObjectiveFactory(project=source, number=2, title="Train", status="achieved")
    client = signed_in("officer")

    form = client.get(f"/projects/{source.pk}/copy/").content.decode()
    assert 'value="45, 10"' in form
    assert f'value="{source.title}"' in form
    assert 'name="start_date"' in form and 'name="start_date" value' not in form

    data = {**FIELDS, "acronym": "OWN2", "action": source.action, "reference_number": ""}
    refused = client.post(
        f"/projects/{source.pk}/copy/", {**data, "deadline_reminder_days": "45, 10"}
    )
    assert refused.status_code == 400
    assert "This field is required." in errors_beside(refused.content.decode(), "reference_number")
    assert not Project.objects.filter(acronym="OWN2").exists()

    data["reference_number"] = "2025-1-FR01-KA220-VET-000000777"
    response = client.post(
        f"/projects/{source.pk}/copy/", {**data, "deadline_reminder_days": "45, 10"}
    )
    assert response.status_code == 302
    copy = Project.objects.get(acronym="OWN2")
    assert copy.start_date == date(2024, 11, 1)
    assert copy.deadline_reminder_days == [45, 10]
    assert list(copy.work_packages.values_list("code", "lead_organisation")) == list(
        source.work_packages.values_list("code", "lead_organisation")
    )
    assert sorted(copy.objectives.values_list("number", "title", "status")) == [
        (1, source.objectives.get(number=1).title, "not_started"),
        (2, "Train", "not_started"),
    ]
    assert copy.partnerships.count() == source.partnerships.count()
    assert not copy.partnerships.filter(contacts__isnull=False).exists()
    assert not copy.deliverables.exists() and not copy.meetings.exists()
    assert WorkPackage.objects.filter(project=source).count() == 1  # the source is untouched
    assert Objective.objects.filter(project=source, number=2, status="achieved").exists()


def test_the_links_are_offered_to_officers_only(signed_in, world):
    project = world.own.project.pk
    officer = signed_in("officer")
    assert 'href="/projects/new/"' in officer.get("/projects/").content.decode()
    page = officer.get(f"/projects/{project}/").content.decode()
    for link in ("edit", "partners", "copy"):
        assert f'href="/projects/{project}/{link}/"' in page
    partner = signed_in("partner")
    assert 'href="/projects/new/"' not in partner.get("/projects/").content.decode()
    assert (
        f'href="/projects/{project}/edit/"'
        not in partner.get(f"/projects/{project}/").content.decode()
    )


def test_the_form_and_its_errors_read_french(signed_in, client):
    from django.conf import settings

    signed_in("officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.post("/projects/new/", {**FIELDS, "deadline_reminder_days": "30, bientôt"})
    page = response.content.decode()
    assert "<h1>Nouveau projet</h1>" in page
    assert "Écrivez des nombres entiers de jours séparés par des virgules" in page
