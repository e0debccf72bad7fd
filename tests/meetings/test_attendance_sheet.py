"""The printable attendance sheet: A4, the EU emblem and acknowledgement, the meeting, its
agenda, a line per expected participant and blank lines; its language; who may print it."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from meetings.attendance_sheet import attendance_sheet_pdf
from meetings.eu_emblem import emblem_svg
from meetings.models import Guest, Participation

pytestmark = pytest.mark.django_db
A4 = (595, 842)  # points


@pytest.fixture
def meeting(world):
    meeting = world.own.rows["meetings"]
    meeting.title = "Multiplier event in Torino"
    meeting.agenda = "09:30 Welcome\n10:00 The guide <b>in practice</b>"
    meeting.save()
    Participation.objects.create(meeting=meeting, person=world.own.people[1])
    Guest.objects.create(
        meeting=meeting,
        name='Luca <script>alert("x")</script>',
        organisation_name="Comune di Torino",
        country="IT",
    )
    Guest.objects.create(
        meeting=meeting, name="", organisation_name="Gone", country="IT", erased=True
    )
    return meeting


def text_of(pdf: bytes) -> tuple[PdfReader, str]:
    """The PDF's text, with a cell's wrapped lines joined by single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_sheet_is_a4_with_everything_a_coordinator_needs(meeting, world):
    reader, text = text_of(attendance_sheet_pdf(meeting, language="en", with_guests=True))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    for expected in [
        "Co-funded by the European Union",
        "Attendance sheet",
        "Multiplier event in Torino",
        world.own.project.acronym,
        "14 March 2023",  # the meeting's dates
        "Torino",
        "09:30 Welcome",
        "<b>in practice</b>",  # markup in the agenda is text
        world.own.people[1].full_name,
        world.own.partner_org.name,
        "Comune di Torino",
        "Signature",
    ]:
        assert expected in text, expected
    # Printed as the letters typed, not run (the narrow cell may wrap it anywhere).
    assert '<script>alert("x")</script>' in "".join(text.split())
    assert "Gone" not in text  # an erased participant is never printed
    # A line per expected participant, then twelve blank numbered lines.
    assert re.search(r"\b14\b", text)


def test_the_sheet_in_the_readers_or_chosen_language(meeting):
    _reader, text = text_of(attendance_sheet_pdf(meeting, language="fr", with_guests=True))
    assert "Cofinancé par l’Union européenne" in text
    assert "Feuille de présence" in text


def test_outside_people_are_left_out_for_who_may_not_see_them(meeting):
    _reader, text = text_of(attendance_sheet_pdf(meeting, language="en", with_guests=False))
    assert "Luca" not in text and "Comune di Torino" not in text


def test_the_emblem_has_twelve_five_pointed_stars_on_blue():
    svg = emblem_svg()
    assert 'fill="#003399"' in svg
    stars = re.findall(r'<polygon fill="#FFCC00" points="([^"]+)"', svg)
    assert len(stars) == 12
    assert all(len(points.split()) == 10 for points in stars)


def test_who_may_print_it(client, meeting, world):
    url = f"/meetings/{meeting.pk}/attendance-sheet.pdf"
    for role, status in [("officer", 200), ("coordinator", 200), ("partner", 200)]:
        client.force_login(world.users[role])
        response = client.get(url)
        assert response.status_code == status, role
        assert response["Content-Type"] == "application/pdf"
    client.force_login(world.other.people[0].user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_partner_gets_blank_lines_for_outside_people(client, meeting, world):
    client.force_login(world.users["partner"])
    _reader, text = text_of(client.get(f"/meetings/{meeting.pk}/attendance-sheet.pdf").content)
    assert "Comune di Torino" not in text
    client.force_login(world.users["coordinator"])
    _reader, text = text_of(
        client.get(f"/meetings/{meeting.pk}/attendance-sheet.pdf?lang=de").content
    )
    assert "Comune di Torino" in text and "Anwesenheitsliste" in text


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_page_one_renders_to_an_image(meeting, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(attendance_sheet_pdf(meeting, language="en", with_guests=True))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = next(tmp_path.glob("page*.png")).read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 5_000


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_is_headed_by_the_emblem_the_meeting_and_its_dates(meeting):
    for n in range(40):  # enough lines for a second page
        Guest.objects.create(
            meeting=meeting, name=f"Guest {n}", organisation_name="Scuola", country="IT"
        )
    pages = page_texts(attendance_sheet_pdf(meeting, language="en", with_guests=True))
    assert len(pages) >= 2
    for text in pages:
        assert "Co-funded by the European Union" in text
        assert "Multiplier event in Torino" in text and "14 March 2023" in text
        assert "Signature" in text  # the table's head repeats too


def test_one_signature_column_per_day_and_the_participants_type(meeting):
    # The world's meeting lasts two days: 14-15 March 2023.
    _reader, text = text_of(attendance_sheet_pdf(meeting, language="en", with_guests=True))
    assert text.count("Signature") == 2
    assert "Signature 14 Mar 2023" in text and "Signature 15 Mar 2023" in text
    assert "Type" in text and "Staff" in text and "Stakeholder" in text


def test_a_long_meeting_has_one_column_and_a_note(meeting):
    meeting.end_date = meeting.start_date.replace(day=meeting.start_date.day + 6)
    meeting.save()
    pdf = attendance_sheet_pdf(meeting, language="en", with_guests=True)
    text = " ".join(page_texts(pdf))
    assert page_texts(pdf)[0].count("Signature") == 1
    assert "write beside your signature the days you attended" in text


def test_five_days_fit_on_a_landscape_page(meeting):
    meeting.end_date = meeting.start_date.replace(day=meeting.start_date.day + 4)
    meeting.save()
    pdf = attendance_sheet_pdf(meeting, language="en", with_guests=True)
    assert page_texts(pdf)[0].count("Signature") == 5
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (A4[1], A4[0])
