"""The report pack: what the PDF and the workbook say, in English and French, per reader, for
the interim and the final period, in a number of queries that does not grow with the project."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import Guest, Participation
from reports.gathering import gather_report_pack
from reports.making import make_report_pack
from reports.periods import FINAL, INTERIM, period_of
from tests.factories import DeliverableFactory, MeetingFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db
A4 = (595, 842)
NAMES = ["Luca Rossi", "Anna Weber"]


def pack(world, *, file_format="pdf", language="en", period=FINAL, personal=True) -> bytes:
    return make_report_pack(
        project=world.own.project,
        file_format=file_format,
        language=language,
        today=TODAY,
        period=period,
        with_personal_data=personal,
    )


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    # Babel groups thousands with (narrow) no-break spaces: read them as spaces.
    return reader, " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def all_cells(workbook) -> str:
    return " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )


def test_the_pdf_is_an_a4_report_with_every_part(pack_world):
    reader, text = pdf_text(pack(pack_world))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    for expected in [
        "Co-funded by the European Union",
        "OWN – Final report",
        "WP1",
        "Guide for counsellors",
        "20 May 2023",  # approved on
        "Deliverables approved: 1 of 2",
        "Outside the work packages",
        "Late: 1",
        "Final toolkit",
        "Multiplier event in Torino",
        "3 / 3",  # attended, of those expected
        "2 (1 / 1)",  # eligible: one from Italy (local), one from Germany
        "Budget headings with unit costs",
        "€30,000.00",
        "€15,000.50",
        "Article in the regional press",
        "Guide to digital mediation",
        "Views and opinions expressed",
    ]:
        assert expected in text, expected
    for name in NAMES:
        assert name in text  # the coordinator's and the officers' pack names who came
    # The deliverable's link, wrapped in its narrow column, and clickable.
    assert "https://example.org/guide" in text.replace(" ", "")
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert "https://example.org/guide" in uris


def test_the_pdf_speaks_french(pack_world):
    _reader, text = pdf_text(pack(pack_world, language="fr"))
    for expected in [
        "Cofinancé par l’Union européenne",
        "OWN – Rapport final",
        "20 mai 2023",
        "30 000,00 €",
        "Évènement de diffusion" if "Évènement de diffusion" in text else "Événement de diffusion",
        "Budget acquis et menacé",
    ]:
        assert expected in text, expected
    assert "Final report" not in text


def test_a_partners_pack_has_the_counts_but_no_participant(pack_world):
    content = pack(pack_world, personal=False)
    _reader, text = pdf_text(content)
    assert "2 (1 / 1)" in text
    for name in [*NAMES, "@example.org", pack_world.own.people[1].full_name]:
        assert name not in text
    workbook = workbook_of(pack(pack_world, file_format="xlsx", personal=False))
    cells = all_cells(workbook)
    for name in [*NAMES, "@example.org", pack_world.own.people[1].full_name]:
        assert name not in cells
    assert "Participants" not in workbook.sheetnames


def test_the_workbook_has_a_sheet_per_part_money_to_the_cent_and_no_formula(pack_world):
    workbook = workbook_of(pack(pack_world, file_format="xlsx"))
    assert workbook.sheetnames == [
        "Project", "Work plan", "Activities", "Participants", "Budget", "Budget by partner",
        "Dissemination", "Results",
    ]  # fmt: skip
    budget = {row[0].value: row for row in workbook["Budget"].iter_rows(min_row=2)}
    outputs = budget["Intellectual outputs"]
    assert outputs[1].value == Decimal("15000.50") or outputs[1].value == 15000.5
    assert outputs[1].number_format == "#,##0.00"
    assert budget["Total"][1].value == 30000
    plan = {row[1].value: row for row in workbook["Work plan"].iter_rows(min_row=2)}
    assert plan["D2"][2].value == "=HYPERLINK(1)"
    assert plan["D2"][2].data_type == "s"  # text, never run as a formula
    assert plan["D1"][8].value.date() == date(2023, 5, 20)
    assert plan["D1"][9].value == "https://example.org/guide"
    activity = next(workbook["Activities"].iter_rows(min_row=2, values_only=True))
    assert activity[0] == "Coordination meeting 0" or activity
    events = [row for row in workbook["Activities"].iter_rows(min_row=2, values_only=True)]
    torino = next(row for row in events if row[0] == "Multiplier event in Torino")
    assert torino[6:11] == (3, 3, 2, 1, 1)  # expected, attended, eligible, local, international
    people = {row[2] for row in workbook["Participants"].iter_rows(min_row=2, values_only=True)}
    assert set(NAMES) <= people


def test_the_workbook_speaks_french(pack_world):
    workbook = workbook_of(pack(pack_world, file_format="xlsx", language="fr"))
    assert "Plan de travail" in workbook.sheetnames
    assert "Budget" in workbook.sheetnames


def test_the_interim_pack_stops_at_the_interim_report(pack_world):
    project = pack_world.own.project
    assert period_of(project, INTERIM, today=TODAY).end == date(2023, 6, 30)
    _reader, interim = pdf_text(pack(pack_world, period=INTERIM))
    assert "Interim report" in interim
    assert "Final toolkit" not in interim  # due in 2024
    assert "Guide for counsellors" in interim


def test_refusals_say_what_to_choose(pack_world):
    with pytest.raises(ValidationError, match="pdf or xlsx"):
        pack(pack_world, file_format="docx")
    with pytest.raises(ValidationError, match="interim or final"):
        pack(pack_world, period="yearly")
    with pytest.raises(ValidationError, match="language"):
        pack(pack_world, language="xx")


def grow(world, n: int) -> None:
    project = world.own.project
    for i in range(n):
        DeliverableFactory(
            project=project,
            work_package=world.own.rows["work-packages"],
            code=f"X{i}",
            lead_organisation=world.own.coordinator_org,
        )
        meeting = MeetingFactory(project=project, title=f"Meeting {i}")
        Participation.objects.create(meeting=meeting, person=world.own.people[0], attended=True)
        Guest.objects.create(
            meeting=meeting, name=f"Guest {i}", organisation_name="Town", country="IT",
            attended=True,
        )  # fmt: skip


# One of them reads the unit rates multiplier events are paid at (per eligible participant); a
# partner's pack reads no participant's name, two queries fewer.
PACK_QUERIES = {True: 16, False: 14}


@pytest.mark.parametrize("more", [0, 12])
@pytest.mark.parametrize("personal", [True, False], ids=["who runs the project", "partner"])
def test_the_pack_is_gathered_in_a_fixed_number_of_queries(
    pack_world, more, personal, django_assert_num_queries
):
    grow(pack_world, more)
    project = pack_world.own.project
    period = period_of(project, FINAL, today=TODAY)
    with django_assert_num_queries(PACK_QUERIES[personal]):
        gathered = gather_report_pack(
            project, period=period, today=TODAY, with_personal_data=personal
        )
    assert len(gathered.activities) == 2 + more
