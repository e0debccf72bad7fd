"""A workbook carries each title's and place's versions in optional columns (title_fr…): the
template shows them, the export writes them, the import reads them, in any language."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from deliverables.models import Deliverable
from meetings.models import Meeting
from projects.models import Objective
from workbooks.importing import import_workbook
from workbooks.template import write_template

pytestmark = pytest.mark.django_db


def test_the_template_offers_the_versions_with_an_example(tmp_path):
    write_template(tmp_path / "template.xlsx")
    workbook = load_workbook(tmp_path / "template.xlsx")
    header = [cell.value for cell in workbook["meetings"][1]]
    assert {"title_fr", "title_pt", "venue_de", "city_it"} <= set(header)
    example = dict(zip(header, [cell.value for cell in workbook["meetings"][3]], strict=False))
    assert (example["city"], example["city_fr"]) == ("Köln", "Cologne")
    assert "title_es" in [cell.value for cell in workbook["objectives"][1]]


def test_versions_are_exported_and_imported_and_the_original_stays_the_original(world, tmp_path):
    meeting = world.own.rows["meetings"]
    meeting.city_fr, meeting.title_de = "Turin", "Koordinierungstreffen"
    meeting.save()
    path = tmp_path / "own.xlsx"
    call_command(
        "export_project", world.own.project.reference_number, output=str(path), stdout=StringIO()
    )
    workbook = load_workbook(path)
    sheet = workbook["meetings"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=False))
    assert (row["city"], row["city_fr"], row["title_de"]) == (
        meeting.city_en, "Turin", "Koordinierungstreffen",
    )  # fmt: skip
    sheet.cell(row=2, column=header.index("city_es") + 1, value="Turín")
    sheet.cell(row=2, column=header.index("city_fr") + 1).value = None  # emptied
    workbook.save(path)

    with translation.override("fr"):  # an import run by a French reader changes no original
        out = StringIO()
        call_command("import_workbook", str(path), stdout=out)
    assert "meetings: 0 to create, 1 to update" in out.getvalue()
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.city_en, meeting.city_es, meeting.city_fr) == ("Torino", "Turín", None)


@pytest.mark.parametrize("sheet", ["deliverables", "objectives"])
def test_a_title_changed_by_a_reader_of_another_language_changes_the_original(
    world, tmp_path, sheet
):
    path = tmp_path / "own.xlsx"
    call_command(
        "export_project", world.own.project.reference_number, output=str(path), stdout=StringIO()
    )
    workbook = load_workbook(path)
    header = [cell.value for cell in workbook[sheet][1]]
    workbook[sheet].cell(row=2, column=header.index("title") + 1, value="Renamed in French")
    workbook.save(path)
    model = {"deliverables": Deliverable, "objectives": Objective}[sheet]
    row = model.objects.filter(project=world.own.project).order_by("pk").first()
    for _round in range(2):  # the second time, the title is as the file says: unchanged
        report = import_workbook(path=path, dry_run=False, language="fr")
        assert not report.refused
    assert report.sheets[sheet].updated == [] and report.sheets[sheet].unchanged
    row.refresh_from_db()
    assert row.title_en == "Renamed in French"
