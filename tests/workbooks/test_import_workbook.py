"""`manage.py import_workbook`: the layout export_project writes, read back with a preview per
sheet, all or nothing, through the models' own rules; importing it again changes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from deliverables.models import Deliverable
from meetings.models import Meeting
from partners.models import Organisation, Person
from projects.models import Project
from workbooks.importing import import_workbook

pytestmark = pytest.mark.django_db


def export(project, path) -> dict:
    call_command("export_project", project.reference_number, output=str(path), stdout=StringIO())
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def run(path, *options) -> str:
    out = StringIO()
    call_command("import_workbook", str(path), *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def rich(world):
    """OWN with a contributor, a meeting participant, an OID and names from all over Europe."""
    own = world.own
    own.rows["deliverables"].contributors.add(own.coordinator_org)
    own.rows["deliverables"].title = "Città, Cité, Fundación, Köln, Ş, ė, ł"
    own.rows["deliverables"].description = "=1+1"
    # The work plan's own fields: a month to be confirmed, a sensitive result, an order.
    own.rows["deliverables"].due_date_confirmed = False
    own.rows["deliverables"].dissemination_level = Deliverable.DisseminationLevel.SENSITIVE
    own.rows["deliverables"].position = 3
    own.rows["deliverables"].save()
    package = own.rows["work-packages"]
    package.start_month, package.end_month, package.position = 2, 18, 4
    package.save()
    own.rows["meetings"].participants.add(own.people[1])
    own.coordinator_org.oid = "E10123456"
    own.coordinator_org.save()
    return own


def test_a_project_round_trips_into_an_empty_database(rich, tmp_path):
    before = export(rich.project, tmp_path / "before.xlsx")
    for model in [Project, Meeting, Person, Organisation]:
        model.objects.all().delete()
    output = run(tmp_path / "before.xlsx")
    assert "deliverables: 1 to create, 0 to update, 0 unchanged, 0 refused" in output
    project = Project.objects.get(reference_number=rich.project.reference_number)
    assert export(project, tmp_path / "after.xlsx") == before
    deliverable = project.deliverables.get()
    assert (deliverable.due_date_confirmed, deliverable.dissemination_level) == (False, "SEN")
    package = project.work_packages.get()
    assert (package.start_month, package.end_month, package.position) == (2, 18, 4)


def test_importing_the_same_workbook_again_changes_nothing(rich, tmp_path):
    export(rich.project, tmp_path / "project.xlsx")
    output = run(tmp_path / "project.xlsx")
    assert " to create" in output and "refused" in output
    for line in output.splitlines()[:-1]:
        assert line.startswith(line.split(":")[0]) and ": 0 to create, 0 to update," in line, line


def test_an_edited_row_is_updated_and_a_dry_run_writes_nothing(rich, tmp_path):
    path = tmp_path / "project.xlsx"
    export(rich.project, path)
    workbook = load_workbook(path)
    sheet = workbook["deliverables"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("title") + 1, value="A new title")
    workbook.save(path)
    assert "deliverables: 0 to create, 1 to update" in run(path, "--dry-run")
    assert Deliverable.objects.get(pk=rich.rows["deliverables"].pk).title != "A new title"
    run(path)
    assert Deliverable.objects.get(pk=rich.rows["deliverables"].pk).title == "A new title"


def test_a_refused_row_is_named_and_nothing_is_written(rich, tmp_path):
    path = tmp_path / "project.xlsx"
    export(rich.project, path)
    workbook = load_workbook(path)
    sheet = workbook["deliverables"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("due_date") + 1, value="2031-01-01")  # after the end
    workbook["objectives"].cell(row=2, column=2, value="Changed")
    workbook.save(path)
    with pytest.raises(CommandError, match="Nothing was written"):
        run(path)
    report = import_workbook(path=path, dry_run=False)
    [(row, column, message)] = report.sheets["deliverables"].refused
    assert (row, column) == (2, "due_date"), message
    assert "31 December 2024" in message  # the model's own words, as the forms and the API say them
    assert rich.project.objectives.get().title != "Changed"


def test_a_workbook_of_another_project_is_refused(rich, tmp_path):
    export(rich.project, tmp_path / "project.xlsx")
    with pytest.raises(CommandError):
        run(tmp_path / "project.xlsx", "--project", "2022-1-FR01-KA220-VET-999999999")


def test_unknown_columns_and_files_that_are_no_workbook_are_refused(rich, tmp_path):
    path = tmp_path / "project.xlsx"
    export(rich.project, path)
    workbook = load_workbook(path)
    workbook["people"].cell(row=1, column=10, value="salary")
    workbook.save(path)
    with pytest.raises(CommandError, match="unknown columns salary"):
        run(path)
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        run(tmp_path / "notes.xlsx")


def test_a_key_given_twice_is_refused(rich, tmp_path):
    path = tmp_path / "project.xlsx"
    export(rich.project, path)
    workbook = load_workbook(path)
    sheet = workbook["work packages"]
    sheet.append([cell.value for cell in sheet[2]])
    workbook.save(path)
    report = import_workbook(path=path, dry_run=True)
    [(row, column, message)] = report.sheets["work packages"].refused
    assert (row, column) == (3, "code") and "twice" in message


def test_a_formula_in_the_workbook_is_read_as_its_text(rich, tmp_path):
    path = tmp_path / "project.xlsx"
    export(rich.project, path)
    workbook = load_workbook(path)
    sheet = workbook["deliverables"]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("title") + 1, value="=SUM(1,2)")
    assert cell.data_type == "f"  # a real formula, as a spreadsheet program saves it
    workbook.save(path)
    run(path)
    assert Deliverable.objects.get(pk=rich.rows["deliverables"].pk).title == "=SUM(1,2)"


def test_a_deliverable_is_not_approved_by_a_cell(rich, tmp_path):
    path = tmp_path / "project.xlsx"
    export(rich.project, path)
    workbook = load_workbook(path)
    sheet = workbook["deliverables"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("status") + 1, value="approved")
    workbook.save(path)
    report = import_workbook(path=path, dry_run=False)
    [(row, column, message)] = report.sheets["deliverables"].refused
    assert (row, column) == (2, "status") and "/approve/" in message
    assert Deliverable.objects.get(pk=rich.rows["deliverables"].pk).status == "planned"
