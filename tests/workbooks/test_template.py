"""The import template: one sheet per table with its header, an example row, drop-down lists;
imported as it is, it creates the example project."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from deliverables.models import Deliverable
from meetings.models import Meeting
from projects.models import Project
from workbooks.importing import import_workbook
from workbooks.layout import LISTS_SHEET, SHEETS
from workbooks.template import write_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("export_project", template=str(path), stdout=StringIO())
    return path


def validated_values(workbook, title: str, column: str) -> list[str]:
    """The values of the drop-down list on a column of a sheet."""
    sheet = workbook[title]
    letter = chr(ord("A") + SHEETS[title].index(column))
    [validation] = [v for v in sheet.data_validations.dataValidation
                    if str(v.sqref).startswith(f"{letter}2:")]  # fmt: skip
    assert validation.type == "list"
    source = validation.formula1.split("!")[1].replace("$", "")
    lists = workbook[LISTS_SHEET]
    return [cell.value for (cell,) in lists[source]]


def test_the_template_has_every_sheet_its_header_an_example_and_drop_down_lists(template):
    workbook = load_workbook(template)
    assert workbook.sheetnames == [*SHEETS, LISTS_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    for title, columns in SHEETS.items():
        rows = list(workbook[title].iter_rows(values_only=True))
        assert list(rows[0]) == columns
        assert len(rows) >= 2, f"{title} has no example row"
    emails = [row[0] for row in workbook["people"].iter_rows(min_row=2, values_only=True)]
    assert emails and all(email.endswith("@example.org") for email in emails)
    assert validated_values(workbook, "deliverables", "kind") == [
        c for c, _ in Deliverable.Kind.choices
    ]
    assert validated_values(workbook, "deliverables", "dissemination_level") == ["PU", "SEN"]
    assert validated_values(workbook, "deliverables", "status") == ["planned", "in_progress"]
    assert validated_values(workbook, "partnerships", "role") == [
        "coordinator",
        "partner",
        "associated",
    ]
    assert "not_started" in validated_values(workbook, "objectives", "status")
    assert "kick_off" in validated_values(workbook, "meetings", "kind")
    countries = validated_values(workbook, "organisations", "country")
    assert {"FR", "DE", "TR", "LT"} <= set(countries) and len(countries) > 200
    assert validated_values(workbook, "meetings", "country") == countries


def test_the_template_imported_as_it_is_creates_the_example_project(template):
    report = import_workbook(path=template, dry_run=False)
    assert not report.refused, {t: s.refused for t, s in report.sheets.items()}
    project = Project.objects.get(acronym="EXAMPLE")
    assert project.partnerships.count() == 2
    to_be_confirmed = project.deliverables.get(code="D1.2")
    assert (to_be_confirmed.due_date.isoformat(), to_be_confirmed.due_date_confirmed) == (
        "2026-09-30",
        False,
    )
    meeting = Meeting.objects.get(project=project, dates_confirmed=False)
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat()) == (
        "2026-04-01",
        "2026-04-01",
    )
    assert project.meetings.get(dates_confirmed=True).participants.count() == 2
    # Imported again, nothing changes.
    again = import_workbook(path=template, dry_run=False)
    assert all(not s.created and not s.updated for s in again.sheets.values())


def test_signed_in_people_download_the_template_and_others_sign_in_first(client, world):
    response = client.get("/imports/template.xlsx")
    assert response.status_code == 302 and "login" in response["Location"]
    for role in ["officer", "coordinator", "partner"]:
        client.force_login(world.users[role])
        response = client.get("/imports/template.xlsx")
        assert response.status_code == 200
        assert "import-template.xlsx" in response["Content-Disposition"]
        workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
        assert workbook.sheetnames[: len(SHEETS)] == list(SHEETS)


def test_the_template_writes_to_any_file_object():
    stored = BytesIO()
    write_template(stored)
    assert load_workbook(BytesIO(stored.getvalue()))["project"]["B2"].value == "EXAMPLE"
