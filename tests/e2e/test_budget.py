import pytest

from projects.models import Project

from .conftest import sign_in

pytestmark = pytest.mark.e2e

# Each amount box of the grid, focused as the keyboard reaches it: is it the element seen at
# its centre (not the sticky Total column over it), and how far does the grid scroll sideways?
# The grand total's text keeps its distance from the edge of its column, under which a covered
# partner's total slides.
GRID = """() => {
  const grid = document.querySelector("table.budget-grid");
  const box = grid.closest(".table-scroll");
  const covered = [];
  for (const input of grid.querySelectorAll("input[type=text]")) {
    input.focus();
    const r = input.getBoundingClientRect();
    const seen = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (seen !== input) covered.push(input.name);
  }
  const total = grid.querySelector("tfoot .sticky-total");
  const text = document.createRange();
  text.selectNodeContents(total);
  return {
    scrolls: box.scrollWidth - box.clientWidth,
    covered,
    inputs: grid.querySelectorAll("input[type=text]").length,
    gap: text.getBoundingClientRect().left - total.getBoundingClientRect().left,
  };
}"""


@pytest.mark.parametrize(
    "acronym, width", [("PATHWAYS", 1280), ("PATHWAYS", 1024), ("DIMESCA", 1024)]
)
def test_every_amount_of_the_budget_grid_can_be_seen_and_typed(
    browser, live_server, demo, screenshot, acronym, width
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    sign_in(page, "coordinator")
    project = Project.objects.get(acronym=acronym)
    page.goto(f"/projects/{project.pk}/budget/")
    grid = page.evaluate(GRID)
    screenshot(page, f"{acronym}-{width}")
    assert grid["inputs"] >= 25
    assert grid["covered"] == [], "the Total column hides amounts as they are typed"
    assert grid["gap"] >= 12, "a covered amount would run into the grand total"
    if width == 1280:  # five partners fit beside the headings
        assert grid["scrolls"] <= 0, f"the grid scrolls sideways by {grid['scrolls']} px"
    context.close()
