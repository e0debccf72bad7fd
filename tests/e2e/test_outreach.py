"""The dissemination log and the results register on a phone: a partner logs a post, reads the
newsletter's line, and copies the results for the Project Results Platform."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from newsletters.models import NewsletterIssue
from projects.models import Project

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


def test_a_partner_logs_dissemination_and_reads_the_register_on_a_phone(
    browser, live_server, demo, screenshot
):
    dimesca = Project.objects.get(acronym="DIMESCA")
    NewsletterIssue.objects.create(
        period_start=date(2018, 9, 1),
        period_end=date(2018, 9, 30),
        language="en",
        generated_content="# Launch of the Erasmus+ project DIMESCA\n\nIt gathers …",
        status=NewsletterIssue.Status.PUBLISHED,
        published_at=timezone.make_aware(datetime.combine(date(2018, 10, 2), time(9))),
        sent_count=312,
    )
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "partner")

    page.goto(f"/projects/{dimesca.pk}/")
    page.get_by_role("link", name="Dissemination").first.click()
    expect(page.get_by_role("heading", name="Dissemination of DIMESCA")).to_be_visible()
    expect(page.get_by_text("Network newsletter, 2018-09-01 – 2018-09-30")).to_be_visible()
    page.get_by_label("What").fill("Post on the digital inclusion forum")
    page.get_by_label("When").fill("2018-10-10")
    page.get_by_label("Where").fill("forum.example.org")
    page.get_by_label("Channel").select_option("social_media")
    page.get_by_label("Audience reached").fill("180")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_text("The dissemination is logged.")).to_be_visible()
    expect(page.get_by_text("Post on the digital inclusion forum")).to_be_visible()
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    screenshot(page, "phone-dissemination")

    page.goto(f"/projects/{dimesca.pk}/results/")
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    screenshot(page, "phone-results")
    page.get_by_role("link", name="Copy for the Project Results Platform").click()
    expect(page.locator("pre.copy")).to_contain_text("CC BY 4.0")
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    screenshot(page, "phone-platform")
    context.close()
