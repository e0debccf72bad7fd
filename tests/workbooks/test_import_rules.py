"""What the import reads and refuses: dates (ISO, a month alone, date cells), look-alike
organisations, each refusal naming the row, the column and what to write."""

from datetime import datetime

import pytest
from openpyxl import load_workbook

from deliverables.models import Deliverable
from partners.models import Organisation
from projects.models import Project
from workbooks.importing import import_workbook
from workbooks.layout import SHEETS
from workbooks.template import write_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


def edit(path, title: str, row: int, column: str, value) -> None:
    workbook = load_workbook(path)
    workbook[title].cell(row=row, column=SHEETS[title].index(column) + 1, value=value)
    workbook.save(path)


def refused(report, title: str) -> list[tuple[int, str, str]]:
    return report.sheets[title].refused


def test_a_date_cell_is_read_as_its_day(template):
    edit(template, "deliverables", 2, "due_date", datetime(2026, 1, 15))
    assert not import_workbook(path=template, dry_run=False).refused
    deliverable = Deliverable.objects.get(code="D1.1", project__acronym="EXAMPLE")
    assert (deliverable.due_date.isoformat(), deliverable.due_date_confirmed) == (
        "2026-01-15",
        True,
    )


def test_a_month_alone_is_a_due_date_to_be_confirmed_on_its_last_day(template):
    edit(template, "deliverables", 2, "due_date", "2026-02")
    edit(template, "deliverables", 2, "due_date_confirmed", "true")  # the month says otherwise
    assert not import_workbook(path=template, dry_run=False).refused
    deliverable = Deliverable.objects.get(code="D1.1", project__acronym="EXAMPLE")
    assert (deliverable.due_date.isoformat(), deliverable.due_date_confirmed) == (
        "2026-02-28",
        False,
    )


@pytest.mark.parametrize(
    ("title", "row", "column", "value", "words"),
    [
        ("deliverables", 2, "due_date", "31/12/2025", "YYYY-MM-DD"),
        ("deliverables", 2, "due_date", "2026-13", "is not a month"),
        ("project", 2, "start_date", "2025-09", "month alone"),
        ("meetings", 3, "end_date", "2026-05", "same month alone"),
        ("meetings", 2, "start_date", "next spring", "YYYY-MM-DD"),
    ],
)
def test_a_date_that_cannot_be_read_names_its_row_column_and_what_to_write(
    template, title, row, column, value, words
):
    edit(template, title, row, column, value)
    report = import_workbook(path=template, dry_run=False)
    [(number, refused_column, message)] = refused(report, title)
    assert (number, refused_column) == (row, column)
    assert words in message and "e.g." in message, message
    assert not Project.objects.filter(acronym="EXAMPLE").exists()


def test_a_meeting_month_round_trips_through_the_export(template, tmp_path):
    from django.core.management import call_command

    import_workbook(path=template, dry_run=False)
    path = tmp_path / "export.xlsx"
    call_command("export_project", "2025-1-FR01-KA220-VET-000000001", output=str(path))
    rows = list(load_workbook(path)["meetings"].iter_rows(min_row=2, values_only=True))
    assert ("2026-04", "Second transnational meeting") in [row[:2] for row in rows]
    again = import_workbook(path=path, dry_run=False)
    assert not again.sheets["meetings"].updated and not again.refused


def test_a_look_alike_organisation_is_refused_with_how_to_choose(template):
    stored = Organisation.objects.create(
        name="EXAMPLE CAREER CENTRE", short_name="ECC", country="FR", pic="949123456"
    )
    report = import_workbook(path=template, dry_run=False)
    [(row, column, message)] = refused(report, "organisations")
    assert (row, column) == (2, "name")
    assert "“EXAMPLE CAREER CENTRE” (FR, PIC 949123456)" in message
    assert "write its OID or PIC, or its exact name" in message
    assert Organisation.objects.filter(country="FR").get() == stored  # no second one


def test_its_exact_name_or_its_pic_chooses_the_stored_organisation(template):
    stored = Organisation.objects.create(
        name="Example Career Centre", short_name="ECC", country="FR", pic="949123456"
    )
    report = import_workbook(path=template, dry_run=False)
    assert not report.refused, {t: s.refused for t, s in report.sheets.items()}
    stored.refresh_from_db()
    assert stored.pic == "949123456"  # the row's empty PIC keeps the stored one
    assert Organisation.objects.filter(country="FR").count() == 1
    assert Project.objects.get(acronym="EXAMPLE").partnerships.filter(organisation=stored)


def test_a_reference_to_a_look_alike_names_it(template):
    Organisation.objects.create(name="Beispiel  Bildungswerk", short_name="B", country="DE")
    edit(template, "organisations", 3, "name", "Beispiel  Bildungswerk")  # exact: found
    edit(template, "people", 3, "organisation", "beispiel bildungswerk (DE)")
    report = import_workbook(path=template, dry_run=True)
    [(row, column, message)] = refused(report, "people")
    assert (row, column) == (3, "organisation")
    assert "“Beispiel  Bildungswerk” (DE)" in message and "exact name" in message


def test_a_new_pic_on_the_exact_name_completes_the_stored_organisation(template):
    stored = Organisation.objects.create(name="Example Career Centre", short_name="E", country="FR")
    edit(template, "organisations", 2, "pic", "949123456")
    report = import_workbook(path=template, dry_run=False)
    assert not report.refused, {t: s.refused for t, s in report.sheets.items()}
    stored.refresh_from_db()
    assert (stored.pic, Organisation.objects.filter(country="FR").count()) == ("949123456", 1)


def test_the_same_name_with_another_pic_is_a_look_alike_to_choose(template):
    Organisation.objects.create(
        name="Example Career Centre", short_name="E", country="FR", pic="949000001"
    )
    edit(template, "organisations", 2, "pic", "949123456")
    report = import_workbook(path=template, dry_run=True)
    [(row, column, message)] = refused(report, "organisations")
    assert (row, column) == (2, "name") and "PIC 949000001" in message


def test_a_country_in_lower_case_finds_the_organisation_and_its_look_alikes(template):
    stored = Organisation.objects.create(
        name="Example Career Centre", short_name="ECC", country="FR"
    )
    edit(template, "organisations", 2, "country", "fr")
    report = import_workbook(path=template, dry_run=False)
    assert not report.refused, {t: s.refused for t, s in report.sheets.items()}
    assert list(Organisation.objects.filter(country="FR")) == [stored]
    edit(template, "organisations", 2, "name", "EXAMPLE CAREER CENTRE")
    [(row, column, message)] = refused(
        import_workbook(path=template, dry_run=True), "organisations"
    )
    assert (row, column) == (2, "name") and "“Example Career Centre” (FR)" in message
