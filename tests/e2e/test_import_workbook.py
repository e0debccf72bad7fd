"""In the browser: an officer fills the import template with a three-partner project, reads the
preview, confirms, lands on the project and downloads its deliverables as Excel. And the
Download links of every page fit a phone's width."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from meetings.models import Meeting
from projects.models import Project

from .conftest import sign_in

pytestmark = pytest.mark.e2e

LILLE, SEVILLA, VILNIUS = (
    "Cité des métiers de Lille (FR)",
    "Centro de Orientación de Sevilla (ES)",
    "Karjeros centras Vilnius (LT)",
)
TRIO = {
    "project": [
        ("2025-1-FR01-KA220-VET-000000042", "TRIO", "Three partners, one guide", "KA220-VET",
         "FR01 – Agence Erasmus+ France", "2025-09-01", "2027-08-31", "running", 250000, None,
         None, None),
    ],
    "organisations": [
        (None, None, "Cité des métiers de Lille", "CdM Lille", "FR", "Lille", "career_centre",
         None, "true"),
        (None, None, "Centro de Orientación de Sevilla", "COS", "ES", "Sevilla", "education",
         None, "false"),
        (None, None, "Karjeros centras Vilnius", "KCV", "LT", "Vilnius", "career_centre", None,
         "true"),
    ],
    "people": [
        ("lea.dubois@example.org", "Léa", "Dubois", "Coordinator", LILLE, "fr"),
        ("marta.ruiz@example.org", "Marta", "Ruiz", "Counsellor", SEVILLA, "es"),
        ("ona.kazlauskaite@example.org", "Ona", "Kazlauskaitė", "Trainer", VILNIUS, "en"),
    ],
    "partnerships": [
        (LILLE, "coordinator", "lea.dubois@example.org"),
        (SEVILLA, "partner", "marta.ruiz@example.org"),
        (VILNIUS, "partner", "ona.kazlauskaite@example.org"),
    ],
    "objectives": [
        (1, "Map guidance services in three regions", None, "not_started"),
        (2, "Publish one shared guide", None, "not_started"),
    ],
    "work packages": [
        ("WP1", "Project management", LILLE, 1, 24, 1),
        ("WP2", "The guide", SEVILLA, 3, 20, 2),
    ],
    "deliverables": [
        ("D1.1", "Quality plan", "guide", "WP1", LILLE, f"{SEVILLA}; {VILNIUS}", "2025-12-31",
         "true", "PU", 1, "planned", None),
        ("D2.1", "Regional maps", "guide", "WP2", SEVILLA, VILNIUS, "2026-06-30", "true", "PU",
         1, "planned", None),
        ("D2.2", "Shared guide", "guide", "WP2", VILNIUS, None, "2027-03", None, "PU", 2,
         "planned", None),
    ],
    "meetings": [
        ("2025-10-14", "Kick-off in Lille", "kick_off", "2025-10-15", LILLE, None, "Lille", "FR",
         "false", "lea.dubois@example.org; marta.ruiz@example.org; ona.kazlauskaite@example.org",
         None),
    ],
}  # fmt: skip


def filled(template: bytes) -> bytes:
    """The template with its example rows replaced by TRIO's, as a person would fill it."""
    workbook = load_workbook(io.BytesIO(template))
    for title, rows in TRIO.items():
        sheet = workbook[title]
        sheet.delete_rows(2, sheet.max_row)
        for row in rows:
            sheet.append(row)
    stored = io.BytesIO()
    workbook.save(stored)
    return stored.getvalue()


def test_an_officer_imports_a_filled_template_and_downloads_its_deliverables(
    page, demo, screenshot, tmp_path
):
    sign_in(page, "officer")
    page.goto("/projects/")
    page.get_by_role("link", name="Import a workbook").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="the import template").click()
    workbook = tmp_path / "trio.xlsx"
    workbook.write_bytes(filled(download.value.path().read_bytes()))

    page.get_by_label("Workbook (.xlsx)").set_input_files(str(workbook))
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Import preview")).to_be_visible()
    expected = {
        "organisations": "3 to create, 0 to update, 0 unchanged, 0 refused",
        "partnerships": "3 to create, 0 to update, 0 unchanged, 0 refused",
        "deliverables": "3 to create, 0 to update, 0 unchanged, 0 refused",
        "meetings": "1 to create, 0 to update, 0 unchanged, 0 refused",
    }
    for title, counts in expected.items():
        section = page.locator("section").filter(has=page.get_by_role("heading", name=title))
        expect(section.first).to_contain_text(counts)
    assert not Project.objects.filter(acronym="TRIO").exists()  # nothing written before
    screenshot(page, "preview")

    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("TRIO")
    expect(page.get_by_role("status").or_(page.locator(".message")).first).to_contain_text(
        "TRIO is imported."
    )
    project = Project.objects.get(acronym="TRIO")
    assert page.url.endswith(f"/projects/{project.pk}/")
    assert project.partnerships.count() == 3
    assert Meeting.objects.get(project=project).participants.count() == 3

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (Deliverables)").click()
    assert download.value.suggested_filename.startswith("TRIO-deliverables-")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header == ("Project", "Code", "Deliverable", "Work package", "Lead", "Due", "Status")
    assert [row[:6] for row in rows] == [
        ("TRIO", "D1.1", "Quality plan", "WP1", "CdM Lille", "2025-12-31"),
        ("TRIO", "D2.1", "Regional maps", "WP2", "COS", "2026-06-30"),
        ("TRIO", "D2.2", "Shared guide", "WP2", "KCV", "2027-03-31"),  # the month's last day
    ]
    assert all(row[6].startswith("Planned") for row in rows)


def test_the_download_links_fit_a_phone(page, demo, screenshot):
    """At 390 px every "Download CSV / Excel" stays inside the page, on every page with one."""
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "officer")
    dimesca = Project.objects.get(acronym="DIMESCA")
    meeting = Meeting.objects.filter(project=dimesca).first()
    pages = {
        "project": f"/projects/{dimesca.pk}/",
        "work-plan": f"/projects/{dimesca.pk}/work-plan/",
        "meeting": f"/meetings/{meeting.pk}/",
        "dashboard": "/dashboard/",
        "my-work": "/my-work/",
        "projects": "/projects/",
        "people": "/people/",
    }
    for name, address in pages.items():
        page.goto(address)
        links = page.locator(".downloads")
        assert links.count(), name
        for index in range(links.count()):
            box = links.nth(index).bounding_box()
            if box is None:  # inside a closed part of the page
                continue
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, index, box)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)
        screenshot(page, name)
