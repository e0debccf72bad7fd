"""An officer sets a project up from the pages: identity, then three partners."""

import pytest
from playwright.sync_api import expect

from partners.models import Organisation
from projects.models import Project

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


def test_officer_creates_a_project_with_three_partners(page, demo, screenshot):
    sign_in(page, "officer")
    page.goto("/projects/")
    page.get_by_role("link", name="New project").click()
    page.get_by_label("Acronym").fill("GUIDE4ALL")
    page.get_by_label("Title").fill("Guidance for all")
    page.get_by_label("Action").select_option("KA220-ADU")
    page.get_by_label("Reference number").fill("2024-1-FR01-KA220-ADU-000123456")
    page.get_by_label("Start date").fill("2024-11-01")
    page.get_by_label("End date").fill("2024-10-31")
    page.get_by_label("Deadline reminders (days before)").fill("30, 14, soon")
    page.get_by_role("button", name="Create the project").click()
    # Both mistakes are shown beside their fields, with what was typed kept.
    expect(page.locator(".field.has-error")).to_have_count(2)
    expect(page.get_by_label("Title")).to_have_value("Guidance for all")
    screenshot(page, "project-errors")
    page.get_by_label("End date").fill("2026-10-31")
    page.get_by_label("Deadline reminders (days before)").fill("30, 14, 7")
    page.get_by_role("button", name="Create the project").click()
    expect(page.get_by_role("heading", name="Partners of GUIDE4ALL")).to_be_visible()

    # Typed without accents, found as it is written, as one types (htmx).
    page.get_by_label("Find an organisation").press_sequentially("cite des metiers paris")
    results = page.locator("#organisation-results")
    expect(results).to_contain_text("Cité des métiers de Paris")
    results.get_by_role("link", name="Cité des métiers de Paris").click()
    page.get_by_label("Role").select_option("coordinator")
    page.get_by_role("button", name="Add as partner").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Cité des métiers de Paris is the coordinator now")

    page.get_by_label("Find an organisation").press_sequentially("zaragoza")
    results.get_by_role("link", name="Fundación Empresa").click()
    page.get_by_role("button", name="Add as partner").click()

    # A new organisation that looks like a known one: the page asks first.
    page.get_by_role("link", name="Record a new organisation").first.click()
    page.get_by_label("Name in its own language").fill(
        "Citta dei mestieri di Milano e della Lombardia"
    )
    page.get_by_label("Short name").fill("CdM MI")
    page.get_by_label("Country").select_option("IT")
    page.get_by_role("button", name="Record the organisation").click()
    expect(page.get_by_role("heading", name="Did you mean…?")).to_be_visible()
    screenshot(page, "did-you-mean")
    page.get_by_role("link", name="Città dei mestieri di Milano e della Lombardia").click()
    page.get_by_role("button", name="Add as partner").click()

    table = page.locator("#partnerships-heading ~ div table")
    expect(table.locator("tbody tr")).to_have_count(3)
    screenshot(page, "partners")
    project = Project.objects.get(acronym="GUIDE4ALL")
    assert project.deadline_reminder_days == [30, 14, 7]
    assert set(project.partnerships.values_list("organisation__short_name", "role")) == {
        ("CdM Paris", "coordinator"), ("FEUZ", "partner"), ("CdM Milano", "partner"),
    }  # fmt: skip
    assert not Organisation.objects.filter(short_name="CdM MI").exists()

    page.set_viewport_size(PHONE)
    for url in ["/projects/new/", f"/projects/{project.pk}/partners/?q=paris",
                f"/projects/{project.pk}/organisations/new/"]:  # fmt: skip
        page.goto(url)
        assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], f"{url} does not fit a phone"
