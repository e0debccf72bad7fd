import pytest
from playwright.sync_api import expect

from meetings.models import ActionItem, Guest, Meeting, Participation

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


def test_coordinator_runs_a_meeting_whose_action_owner_then_sees_it(page, demo, screenshot):
    sign_in(page, "coordinator")
    dimesca = Meeting.objects.filter(project__acronym="DIMESCA").first().project
    page.goto(f"/projects/{dimesca.pk}/")
    page.get_by_role("link", name="Plan a meeting").click()

    page.get_by_label("Kind").select_option("transnational")
    page.get_by_label("Title").fill("Second coordination meeting")
    page.get_by_label("First day").fill("2019-03-12")
    page.get_by_label("Last day").fill("2019-03-13")
    page.get_by_label("City").fill("Hamburg")
    page.get_by_label("Country").select_option("DE")
    page.get_by_label("Host").select_option(label="Stiftung Digitale Chancen")
    page.get_by_label("Agenda").fill("1. Welcome\n2. The first training")
    page.get_by_label("Jana Becker (SDC)").check()
    screenshot(page, "plan")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", name="Second coordination meeting", level=1)).to_be_visible()
    meeting = Meeting.objects.get(title="Second coordination meeting")

    guests = page.locator("form", has_text="Add an outside guest")
    guests.get_by_label("Name").fill("Ana Pérez")
    guests.get_by_role("textbox", name="Organisation").fill("SEPIE")
    guests.get_by_label("Country").select_option("ES")
    guests.get_by_role("button", name="Add the guest").click()
    expect(page.get_by_role("status")).to_contain_text("Ana Pérez is on the list.")

    attendance = page.locator("form", has_text="Who attended")
    attendance.get_by_label("Jana Becker", exact=True).check()
    attendance.get_by_label("Ana Pérez").check()
    attendance.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_role("status")).to_contain_text("Attendance is recorded.")

    page.get_by_role("link", name="Change the meeting").click()
    page.get_by_label("Minutes").fill("The partners agreed on the first training's dates.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#minutes-heading ~ p")).to_contain_text("agreed on the first training")

    items = page.locator("#action-items")
    items.get_by_label("Action").fill("Book the training rooms")
    items.get_by_label("Owner").select_option(label="Jana Becker (SDC)")
    items.get_by_label("Due").fill("2019-04-30")
    items.get_by_role("button", name="Add the action item").click()
    expect(page.locator("#action-items")).to_contain_text("Book the training rooms")
    screenshot(page, "meeting")

    assert Guest.objects.get(meeting=meeting).attended
    assert Participation.objects.get(meeting=meeting, person__last_name="Becker").attended
    assert ActionItem.objects.filter(meeting=meeting, owner__last_name="Becker").exists()

    page.context.clear_cookies()
    sign_in(page, "partner")
    expect(page.locator("main")).to_contain_text("Book the training rooms")
    page.locator(f"a[href='/meetings/{meeting.pk}/']").first.click()
    expect(page.get_by_role("heading", name="Second coordination meeting", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Change the meeting")).to_have_count(0)
    screenshot(page, "partner-reads")


def test_an_action_item_refused_shows_why_beside_its_fields(page, demo, screenshot):
    sign_in(page, "coordinator")
    meeting = Meeting.objects.filter(project__acronym="DIMESCA").first()
    page.goto(f"/meetings/{meeting.pk}/")
    items = page.locator("#action-items")
    items.get_by_label("Action").fill("Book the training rooms")
    items.get_by_label("Due").fill("2019-04-30")
    items.get_by_role("button", name="Add the action item").click()

    owner = items.locator(".field.has-error", has=page.get_by_label("Owner"))
    expect(owner).to_contain_text("This field is required.")
    expect(items.get_by_label("Action")).to_have_value("Book the training rooms")
    expect(items.get_by_label("Due")).to_have_value("2019-04-30")
    expect(page.locator("#htmx-error")).to_be_hidden()
    screenshot(page, "refused")

    items.get_by_label("Owner").select_option(label="Jana Becker (SDC)")
    items.get_by_role("button", name="Add the action item").click()
    expect(items.get_by_role("status")).to_contain_text("The action item is added.")
    assert meeting.action_items.filter(description="Book the training rooms").exists()


def test_the_meeting_pages_fit_a_phone(browser, live_server, demo, screenshot):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "coordinator")
    meeting = Meeting.objects.filter(project__acronym="DIMESCA").first()
    for url in [
        f"/projects/{meeting.project_id}/meetings/new/",
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/edit/",
    ]:
        page.goto(url)
        assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], url
    screenshot(page, "phone")
    context.close()
