"""Each language at a phone's width: German words are long, and nothing may overflow."""

import pytest
from django.conf import settings

from projects.models import Project

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_pages_fit_a_phone_in_each_language(browser, live_server, demo, screenshot, language):
    cocade = Project.objects.get(acronym="COCADE")
    for who, pages in [
        ("partner", ["/my-work/", "/projects/"]),
        # The officer's project page has the widest rows: each objective's status form.
        ("officer", ["/dashboard/", f"/projects/{cocade.pk}/"]),
    ]:
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
        page = context.new_page()
        sign_in(page, who, language)
        for url in pages:
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], f"{url} in {language}"
        screenshot(page, f"{who}-{language}")
        context.close()
