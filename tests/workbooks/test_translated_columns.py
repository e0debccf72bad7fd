"""A workbook carries each title's and place's versions in optional columns (title_fr…): the
template shows them, the export writes them, the import reads them, in any language."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from meetings.models import Meeting
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
