import pytest
from django.conf import settings
from playwright.sync_api import expect

from meetings.models import Meeting

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


def test_a_partner_finds_a_meeting_from_the_header_on_a_phone(
    browser, live_server, demo, screenshot
):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "partner")
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], "the header does not fit a phone"

    page.get_by_role("search").get_by_label("Search").fill("digital watch")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], "the results do not fit a phone"
    screenshot(page, "results")

    training = Meeting.objects.get(title__icontains="digital watch")
    page.get_by_role("link", name=training.title).click()
    expect(page).to_have_url(
        f"{live_server.url}/projects/{training.project_id}/#meeting-{training.pk}"
    )
    expect(page.locator(f"#meeting-{training.pk}")).to_be_visible()

    # The partner is in DIMESCA alone: COCADE's host in Paris is not theirs to find.
    page.goto("/search/?q=cite+des+metiers+paris")
    expect(page.locator("main")).not_to_contain_text("Cité des métiers de Paris")
    context.close()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_results_fit_a_phone_in_each_language(browser, live_server, demo, language):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "officer", language)
    for url in ["/search/?q=paris", "/search/?q=paris&group=meetings", "/search/?q=" + "x" * 101]:
        page.goto(url)
        assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], f"{url} in {language}"
    context.close()
