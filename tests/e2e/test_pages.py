import pytest
from playwright.sync_api import expect

from deliverables.models import Deliverable
from partners.models import Organisation
from projects.models import ObjectiveStatusChange, Project

from .conftest import sign_in

pytestmark = pytest.mark.e2e


def test_partner_sees_only_their_deliverables_and_submits_a_link(page, demo, screenshot):
    sign_in(page, "partner")
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()

    sdc = Organisation.objects.get(short_name="SDC")
    theirs = Deliverable.objects.filter(lead_organisation=sdc) | Deliverable.objects.filter(
        contributions__organisation=sdc
    )
    expected = {f"deliverable-{pk}" for pk in theirs.values_list("pk", flat=True)}
    rows = page.locator("#deliverables-heading ~ div tbody tr")
    shown = {rows.nth(i).get_attribute("id") for i in range(rows.count())}
    assert shown == expected and expected
    screenshot(page, "my-work")

    target = theirs.filter(lead_organisation=sdc, status__in=Deliverable.OPEN_STATUSES).first()
    row = page.locator(f"#deliverable-{target.pk}")
    row.get_by_role("link", name="Submit").click()
    page.get_by_label("Link to the deliverable").fill("ftp://example.org/report.pdf")
    page.get_by_role("button", name="Submit").click()
    # A link that is not http(s) is refused beside its field, with what was typed kept.
    expect(page.locator(".field.has-error")).to_contain_text("https://")
    expect(page.get_by_label("Link to the deliverable")).to_have_value(
        "ftp://example.org/report.pdf"
    )
    screenshot(page, "submit-error")

    page.get_by_label("Link to the deliverable").fill("https://example.org/report.pdf")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text(f"{target.code} is submitted")
    expect(page.locator(f"#deliverable-{target.pk}")).to_contain_text("Submitted")
    target.refresh_from_db()
    assert target.status == Deliverable.Status.SUBMITTED
    screenshot(page, "submitted")


def test_officer_changes_a_cocade_objective_on_the_dashboard(page, demo, screenshot):
    sign_in(page, "officer")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    page.get_by_text("Objectives of COCADE").click()

    row = page.locator("tr[id^=objective-]").first
    expect(row).to_be_visible()
    objective_id = int(row.get_attribute("id").removeprefix("objective-"))
    row.get_by_label("New status").select_option("at_risk")
    row.get_by_label("Comment").fill("Reviewed at the Marseille meeting")
    row.get_by_role("button", name="Save").click()

    swapped = page.locator(f"#objective-{objective_id}")
    expect(swapped).to_contain_text("At risk")
    expect(swapped).to_contain_text("Saved")
    history = page.locator("#status-history")
    expect(history).to_contain_text("Reviewed at the Marseille meeting")
    expect(history).to_contain_text("At risk")
    change = ObjectiveStatusChange.objects.filter(objective_id=objective_id).latest("changed_at")
    assert (change.to_status, change.comment, change.changed_by.username) == (
        "at_risk",
        "Reviewed at the Marseille meeting",
        "officer",
    )
    screenshot(page, "dashboard")


def test_the_language_switch_turns_the_page_french(page, demo, screenshot):
    sign_in(page, "partner")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Mon travail", level=1)).to_be_visible()
    screenshot(page, "mon-travail")


def test_a_french_speaker_gets_french_pages_at_once(page, demo, screenshot):
    """The coordinator's preferred language is French; no switch needed."""
    sign_in(page, "coordinator", language=None)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.goto("/projects/")
    page.get_by_role("link", name="COCADE").click()
    expect(page.get_by_role("heading", name="Chronologie")).to_be_visible()
    assert page.locator("svg.timeline").count() == 1
    screenshot(page, "projet")


# What does not fit the screen: the page itself, or a box inside it that scrolls sideways (a
# table in a scrolling wrapper hides its last columns, Submit with them), or a control that lies
# beyond either edge. The screen's width is given: a phone browser widens window.innerWidth to
# the content that overflows it, and would hide the fault.
PHONE = {"width": 390, "height": 844}
OFF_SCREEN = """(width) => {
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "")
    + " in " + (el.closest("section")?.getAttribute("aria-labelledby") || "the page");
  if (document.documentElement.scrollWidth > width) found.push("the page scrolls sideways");
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (el.matches(".picture-scroll")) continue;  // the timeline, too small to read if shrunk
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      found.push(name(el) + " scrolls sideways by " + (el.scrollWidth - el.clientWidth) + " px");
    }
  }
  for (const el of document.querySelectorAll("a, button, input, select, textarea")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest(".skip")) continue;
    if (box.left < 0 || box.right > width) found.push(name(el) + " lies off screen");
  }
  return found;
}"""


def test_pages_fit_a_phone_and_work_from_the_keyboard(browser, live_server, demo, screenshot):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "partner")
    dimesca = Project.objects.get(acronym="DIMESCA")
    target = Deliverable.objects.filter(project=dimesca, lead_organisation__short_name="SDC")
    pages = ["/my-work/", "/projects/", f"/projects/{dimesca.pk}/", "/notifications/",
             f"/projects/{dimesca.pk}/activity/",
             f"/deliverables/{target.first().pk}/submit/"]  # fmt: skip
    for url in pages:
        page.goto(url)
        assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], f"{url} does not fit a phone"
    screenshot(page, "phone-submit")
    page.goto("/my-work/")
    screenshot(page, "phone-my-work")

    # The first Tab reaches the skip link, which moves the focus to the content.
    page.goto("/my-work/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/my-work/#main")
    context.close()


# Words of a table's cells cut across two lines ("mulhousienn / e"). A word may still break at
# its hyphens, and what a person types as one token (an address, a file's name: `.wrap`,
# `.submission`) may break anywhere.
WORDS_CUT = """() => {
  const cut = [];
  for (const cell of document.querySelectorAll("td, th")) {
    if (!cell.offsetParent) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text; (text = walker.nextNode()); ) {
      if (text.parentElement.closest(".wrap, .submission")) continue;
      for (const word of text.data.matchAll(/[^\\s\\-\\/]+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width)
          .map((r) => Math.round(r.top)));
        if (lines.size > 1) cut.push(word[0]);
      }
    }
  }
  return cut;
}"""


def test_table_words_stay_whole_on_a_phone_and_long_ones_still_fit(
    browser, live_server, demo, screenshot
):
    dimesca = Project.objects.get(acronym="DIMESCA")
    long_word = "Berufsinformationszentrumsverwaltungsgesellschaftsabteilung"
    Organisation.objects.filter(name__endswith="mulhousienne").update(
        name=f"Cité des métiers de la région mulhousienne {long_word}"
    )
    lead = Deliverable.objects.filter(project=dimesca, lead_organisation__short_name="SDC")
    lead.filter(pk=lead.first().pk).update(title=f"Guide {long_word * 2}")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    for role in ["coordinator", "partner"]:
        sign_in(page, role)
        for url in [f"/projects/{dimesca.pk}/", "/my-work/", "/projects/"]:
            page.goto(url)
            assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], f"{url} does not fit a phone"
            cut = page.evaluate(WORDS_CUT)
            # Only the words longer than a phone's line may be cut.
            assert set(cut) <= {long_word, long_word * 2}, (url, cut)
        page.goto(f"/projects/{dimesca.pk}/#partners")
        assert "mulhousienne" not in page.evaluate(WORDS_CUT)
        screenshot(page, f"{role}-partners")
        page.context.clear_cookies()
    context.close()


# The timeline's smallest text as shown (its size times the drawing's scale), its box's widths
# (content, shown) and the page's width.
SMALLEST_TIMELINE_TEXT = """() => {
  const svg = document.querySelector("svg.timeline");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(
    (text) => parseFloat(getComputedStyle(text).fontSize) * scale);
  const box = svg.closest(".picture-scroll");
  return [Math.min(...sizes), [box.scrollWidth, box.clientWidth],
          document.documentElement.scrollWidth];
}"""


def test_the_timeline_keeps_readable_labels_on_a_phone_and_scrolls_in_its_box(
    browser, live_server, demo
):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "partner")
    page.goto(f"/projects/{Project.objects.get(acronym='DIMESCA').pk}/")
    smallest, box, page_width = page.evaluate(SMALLEST_TIMELINE_TEXT)
    assert smallest >= 10.9, f"the timeline's smallest text is {smallest:.1f} px"
    assert box[0] > box[1], "the timeline is shrunk to the phone's width"
    assert page_width <= PHONE["width"], f"the page scrolls sideways: {page_width} px"
    context.close()


def test_a_table_wider_than_a_tablet_scrolls_in_its_box_not_the_page(browser, live_server, demo):
    dimesca = Project.objects.get(acronym="DIMESCA")
    tablet = {"width": 700, "height": 900}
    context = browser.new_context(base_url=live_server.url, viewport=tablet)
    page = context.new_page()
    sign_in(page, "coordinator")
    for url in [f"/projects/{dimesca.pk}/", "/my-work/"]:
        page.goto(url)
        page_width, widest_table = page.evaluate(
            "() => [document.documentElement.scrollWidth, Math.max(...[...document"
            ".querySelectorAll('.table-scroll')].map((box) => box.scrollWidth))]"
        )
        assert widest_table > tablet["width"] - 66, f"{url}: no table wider than its box here"
        assert page_width <= tablet["width"], f"{url} scrolls sideways: {page_width} px"
    context.close()
