"""`manage.py export_project`: a whole project as one workbook, one sheet per table, its rows
named by natural keys rather than database ids."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.factories import PersonFactory
from workbooks.layout import SHEETS

pytestmark = pytest.mark.django_db


def exported(project, tmp_path) -> dict[str, list[dict]]:
    output = tmp_path / "project.xlsx"
    call_command("export_project", project.reference_number, output=str(output), stdout=StringIO())
    workbook = load_workbook(output)
    sheets = {}
    for sheet in workbook.worksheets:
        header, *rows = sheet.iter_rows(values_only=True)
        assert list(header) == SHEETS[sheet.title]
        sheets[sheet.title] = [dict(zip(header, row, strict=True)) for row in rows]
    return sheets


def test_every_table_of_the_project_has_its_sheet_with_natural_keys(world, tmp_path):
    own = world.own
    meeting = own.rows["meetings"]
    meeting.participants.add(own.people[1])
    own.rows["deliverables"].contributors.add(own.coordinator_org)
    own.coordinator_org.oid = "E10123456"
    own.coordinator_org.save()
    sheets = exported(own.project, tmp_path)
    assert list(sheets) == list(SHEETS)
    [project] = sheets["project"]
    assert project["reference_number"] == own.project.reference_number
    partner_key = f"{own.partner_org.name} (FR)"
    assert {o["oid"] or o["name"] for o in sheets["organisations"]} == {
        "E10123456",
        own.partner_org.name,
    }
    assert {p["email"] for p in sheets["people"]} == {"coordinator@example.org",
                                                      "partner@example.org"}  # fmt: skip
    roles = {p["organisation"]: (p["role"], p["contacts"]) for p in sheets["partnerships"]}
    assert roles == {
        "E10123456": ("coordinator", "coordinator@example.org"),
        partner_key: ("partner", "partner@example.org"),
    }
    [deliverable] = sheets["deliverables"]
    assert (deliverable["code"], deliverable["lead_organisation"]) == ("D1", partner_key)
    assert deliverable["contributors"] == "E10123456"
    assert deliverable["due_date"] == "2023-06-30"
    assert sheets["work packages"][0]["lead_organisation"] == "E10123456"
    assert sheets["objectives"][0]["number"] == 1
    assert sheets["meetings"][0]["participants"] == "partner@example.org"


def test_nothing_of_another_project_is_in_the_workbook(world, tmp_path):
    elsewhere = PersonFactory(
        organisation=world.other.coordinator_org, email="elsewhere@example.org"
    )
    world.other.rows["meetings"].participants.add(elsewhere)
    text = repr(exported(world.own.project, tmp_path))
    assert "OTHER" not in text and "other-coordinator" not in text
    assert "elsewhere@example.org" not in text


def test_formulas_and_unicode_stay_text(world, tmp_path):
    deliverable = world.own.rows["deliverables"]
    deliverable.title = '=HYPERLINK("http://x.example")'
    deliverable.description = "Città, Cité, Fundación, Köln, Ş, ė, ł"
    deliverable.save()
    [row] = exported(world.own.project, tmp_path)["deliverables"]
    assert row["title"] == deliverable.title
    assert row["description"] == deliverable.description


def test_an_unknown_reference_is_refused(db):
    with pytest.raises(CommandError, match="No project has the reference number"):
        call_command("export_project", "2022-1-FR01-KA220-VET-999999999", output="x.xlsx")
