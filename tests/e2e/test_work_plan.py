import pytest
from playwright.sync_api import expect

from projects.models import Project

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


def test_the_coordinator_edits_a_deliverable_in_place_on_a_phone(
    browser, live_server, demo, screenshot
):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "coordinator")
    dimesca = Project.objects.get(acronym="DIMESCA")
    deliverable = dimesca.deliverables.filter(submissions__isnull=True).order_by("code").first()
    page.goto(f"/projects/{dimesca.pk}/work-plan/")
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], "the work plan does not fit a phone"
    screenshot(page, "phone-work-plan")

    row = page.locator(f"#deliverable-{deliverable.pk}")
    row.get_by_role("link", name=f"Edit {deliverable.code}").click()
    form = row.locator("form")
    expect(form).to_be_visible()
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], "the row's form does not fit a phone"
    form.get_by_label("Due date").fill("2030-01-15")
    form.get_by_role("button", name=f"Save {deliverable.code}").click()
    expect(row).to_contain_text("within the project's period")  # refused, in place
    expect(page.locator("#htmx-error")).to_be_hidden()
    screenshot(page, "phone-work-plan-refused")

    last_month = dimesca.end_date.replace(day=1)
    form.get_by_label("Due date").fill(last_month.isoformat())
    form.get_by_label("Only the month is known (to be confirmed)").check()
    form.get_by_role("button", name=f"Save {deliverable.code}").click()
    expect(row.get_by_label("Due date")).to_have_count(0)  # the row is shown again, saved
    expect(row).to_contain_text(f"{last_month:%B %Y} (to be confirmed)")
    screenshot(page, "phone-work-plan-saved")
    deliverable.refresh_from_db()
    assert not deliverable.due_date_confirmed
    assert deliverable.due_date.month == dimesca.end_date.month
    context.close()
