"""In the browser: the Download links beside the deliverables tables give the rows shown."""

import csv
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from projects.models import Project

from .conftest import sign_in

pytestmark = pytest.mark.e2e


def test_a_partner_downloads_the_tables_they_see(page, demo, screenshot):
    sign_in(page, "partner")
    rows = page.locator("#deliverables-heading ~ div tbody tr")
    expect(rows.first).to_be_visible()
    shown = rows.count()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (Deliverables of my organisation)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).worksheets[0]
    assert sheet.max_row - 1 == shown  # the header, then one row per row of the table

    project = Project.objects.get(acronym="DIMESCA")
    page.goto(f"/projects/{project.pk}/")
    page.get_by_label("Status").select_option("approved")
    page.get_by_role("button", name="Filter").click()
    shown = page.locator("#deliverables tbody tr").count()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (Deliverables)").click()
    with open(download.value.path(), encoding="utf-8-sig") as text:
        downloaded = list(csv.DictReader(text))
    assert {row["Status"] for row in downloaded} == {"Approved"}
    assert len(downloaded) == shown
    screenshot(page, "project-downloads")
