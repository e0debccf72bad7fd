"""A CSV file of deliverables, written as Excel writes it in French (semicolons, a byte order
mark, 31/12/2026), imported from a phone: the preview in French, then the confirmation."""

import pytest

from deliverables.models import Deliverable
from projects.models import Project
from workbooks.layout import organisation_key

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


def test_a_french_csv_file_is_previewed_and_imported_on_a_phone(
    browser, live_server, demo, screenshot, tmp_path
):
    dimesca = Project.objects.get(acronym="DIMESCA")
    lead = organisation_key(dimesca.partnerships.get(role="coordinator").organisation)
    path = tmp_path / "livrables.csv"
    path.write_bytes(
        "\ufeffcode;title;kind;lead_organisation;due_date\n"
        f"X9.1;Guide de la Cité, Città, Köln;guide;{lead};{dimesca.start_date:%d/%m/%Y}\n".encode()
    )
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "officer", "fr")
    page.goto(f"/projects/{dimesca.pk}/import/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Aperçu").click()
    page.wait_for_load_state()
    assert "1 à créer" in page.content()
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    screenshot(page, "preview")
    page.get_by_role("button", name="Confirmer l’import").click()
    page.wait_for_load_state()
    deliverable = Deliverable.objects.get(project=dimesca, code="X9.1")
    assert (deliverable.title, deliverable.due_date) == (
        "Guide de la Cité, Città, Köln",
        dimesca.start_date,
    )
    context.close()
