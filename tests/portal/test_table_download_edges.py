"""A table's download holds whatever the rows hold: text pasted from a word processor, an
acronym in any alphabet or with a slash, a cell that another spreadsheet program would split."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from meetings.models import Meeting
from projects.models import Objective, Project

pytestmark = pytest.mark.django_db


def content_of(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def test_minutes_pasted_from_a_word_processor_download_as_excel(signed_in, world):
    # Word writes a line break typed with Shift+Enter as a vertical tab, which a workbook
    # cannot hold: the download keeps the text around it.
    meeting = world.own.rows["meetings"]
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Agreed:\x0bthe guide\x01 by May")
    response = signed_in("partner").get(f"/projects/{world.own.project.pk}/meetings.xlsx")
    sheet = load_workbook(io.BytesIO(content_of(response))).worksheets[0]
    assert sheet.cell(row=2, column=6).value == "Agreed:\nthe guide by May"


def test_an_acronym_with_a_slash_names_the_excel_sheet(signed_in, world):
    Project.objects.filter(pk=world.own.project.pk).update(acronym="EU/NET:2")
    response = signed_in("partner").get(f"/projects/{world.own.project.pk}/objectives.xlsx")
    workbook = load_workbook(io.BytesIO(content_of(response)))
    assert workbook.sheetnames == ["EU-NET-2-objectives"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_acronym_in_another_alphabet_names_the_file(signed_in, world, fmt):
    Project.objects.filter(pk=world.own.project.pk).update(acronym='ŁÓDŹ "ΔΡΑΣΗ"')
    response = signed_in("partner").get(f"/projects/{world.own.project.pk}/partners.{fmt}")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename"), disposition
    assert "filename*=utf-8''%C5%81%C3%93D%C5%B9%20%22%CE%94" in disposition, disposition


def test_every_csv_cell_is_quoted_so_that_a_semicolon_splits_none(signed_in, world):
    # Excel set to French or German splits a CSV at semicolons outside quotes: text after one
    # would become a cell of its own, and run as a formula. Every cell is quoted (as OWASP
    # advises), numbers too, so no separator of the text is outside quotes.
    Objective.objects.filter(project=world.own.project).update(
        title='Reach teachers;=HYPERLINK("http://x.example","Open")'
    )
    response = signed_in("partner").get(f"/projects/{world.own.project.pk}/objectives.csv")
    lines = content_of(response).decode("utf-8-sig").splitlines()
    assert lines[0] == '"#","Objective","Status"'
    assert lines[1] == (
        '"1","Reach teachers;=HYPERLINK(""http://x.example"",""Open"")","Not started"'
    )


@pytest.mark.parametrize(
    "url", ["/projects/{pk}/partners.xlsx", "/projects/{pk}/results/platform.csv"]
)
def test_an_acronym_stored_with_a_slash_or_a_line_break_still_names_the_whole_file(
    signed_in, world, url
):
    # Stored before acronyms were kept on one line, or written past the model's rules.
    Project.objects.filter(pk=world.own.project.pk).update(acronym="EU/NET\r\nTWO")
    response = signed_in("partner").get(url.format(pk=world.own.project.pk))
    assert response.status_code == 200
    assert 'filename="EU-NET--TWO-' in response["Content-Disposition"]


def test_an_acronym_is_written_on_one_line():
    project = Project(acronym="CO\r\nCADE")
    with pytest.raises(ValidationError) as refusal:
        project.full_clean()
    assert "one line" in str(refusal.value.message_dict["acronym"])
