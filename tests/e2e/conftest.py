"""A real headless Chromium (Debian's package, never a downloaded browser) driven by Playwright
against the live test server, with the demo world loaded."""

import os
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings

from demo.loading import load_demo

PASSWORD = "demo-password-e2e"
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
# Without the networking flags Chromium keeps calling home, which this closed network refuses.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: install Debian's package (apt-get install chromium).")
    return path


@pytest.fixture(scope="module")
def browser(django_db_setup, live_server):
    """Started after the test database and the live server, and stopped before them.

    Playwright's sync API runs an event loop in this thread, inside which Django refuses plain
    synchronous database calls such as the tests' own; they are allowed while the browser runs,
    and only then, so that no later test or subprocess inherits the permission.
    """
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    return load_demo(password=PASSWORD)


@pytest.fixture
def screenshot(request):
    """Save the page as var/screenshots/<test>-<name>.png; the files stay after the run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page, username: str, language: str | None = "en") -> None:
    """Sign in, then read the pages in `language` as if chosen with the switch, whatever the
    person's own language (the demo's partner reads German); None keeps the person's own."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if language is None:
        return
    site = urljoin(page.url, "/")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
    )
    page.reload()
