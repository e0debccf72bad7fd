import pytest

from .conftest import sign_in

pytestmark = pytest.mark.e2e

KEY_COLUMNS = ["due_date", "status", "late"]


def test_the_deliverables_key_columns_are_on_a_laptop_screen(
    browser, live_server, demo, screenshot
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    sign_in(page, "officer")
    page.goto("/admin/deliverables/deliverable/")
    # Off screen means beyond the window or beyond the list's own box, which scrolls sideways.
    hidden = page.evaluate(
        """(columns) => columns.filter((column) => {
          const cell = document.querySelector("th.column-" + column).getBoundingClientRect();
          const box = document.querySelector("#changelist .results").getBoundingClientRect();
          return cell.right > Math.min(window.innerWidth, box.right);
        })""",
        KEY_COLUMNS,
    )
    assert hidden == []
    # The filters beside the list stay short: only the countries in use.
    assert page.locator("#changelist-filter a[href*='country=']").count() <= 12
    screenshot(page, "deliverables")
    context.close()
