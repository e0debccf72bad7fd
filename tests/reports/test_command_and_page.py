"""The report pack from the command line and from the project page, for each reader."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def reference(world) -> str:
    return world.own.project.reference_number


def test_the_command_writes_the_pack_in_the_language_asked(pack_world, tmp_path):
    target = tmp_path / "pack.pdf"
    out = io.StringIO()
    call_command(
        "report_pack", "--project", reference(pack_world), "--format", "pdf",
        "--output", str(target), "--lang", "fr", "--period", "interim", stdout=out,
    )  # fmt: skip
    assert "written to" in out.getvalue()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Rapport intermédiaire" in text
    assert "Luca Rossi" in text


def test_the_command_can_leave_the_participants_out(pack_world, tmp_path):
    target = tmp_path / "pack.xlsx"
    call_command(
        "report_pack", "--project", reference(pack_world), "--format", "xlsx",
        "--output", str(target), "--without-personal-data", stdout=io.StringIO(),
    )  # fmt: skip
    workbook = load_workbook(target)
    assert "Participants" not in workbook.sheetnames
    assert "Budget" in workbook.sheetnames


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--project", "2099-1-XX00-KA000-000000", "--format", "pdf"], "No project has"),
        (["--format", "docx"], "Unknown format 'docx': give pdf or xlsx."),
        (["--period", "yearly"], "give interim or final"),
        (["--lang", "xx"], "Choose the language among"),
    ],
)
def test_the_command_refuses_with_what_to_fix(pack_world, tmp_path, arguments, message):
    given = {"--project": reference(pack_world), "--format": "pdf"}
    pairs = dict(zip(arguments[::2], arguments[1::2], strict=True))
    given.update(pairs)
    flat = [part for pair in given.items() for part in pair]
    with pytest.raises(CommandError, match=message):
        call_command("report_pack", *flat, "--output", str(tmp_path / "x"), stdout=io.StringIO())
    assert not (tmp_path / "x").exists()


def download(client, world, who: str, **query):
    client.force_login(world.users[who])
    url = reverse("project-report-pack", args=[world.own.project.pk])
    return client.get(url, query)


@pytest.mark.parametrize("who", ["officer", "coordinator"])
def test_who_runs_the_project_downloads_the_pack_with_the_participants(client, pack_world, who):
    response = download(client, pack_world, who, format="pdf", period="final")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "own-final-report-pack.pdf" in response["Content-Disposition"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Luca Rossi" in text


def test_a_partner_downloads_the_pack_without_participants(client, pack_world):
    response = download(client, pack_world, "partner", format="xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )
    assert "Luca Rossi" not in cells and "@example.org" not in cells
    assert "Participants" not in workbook.sheetnames


def test_the_pack_of_a_project_one_is_not_in_is_not_found(client, pack_world):
    client.force_login(pack_world.users["coordinator"])
    url = reverse("project-report-pack", args=[pack_world.other.project.pk])
    assert client.get(url, {"format": "pdf"}).status_code == 404


def test_a_bad_format_is_refused_with_what_to_choose(client, pack_world):
    response = download(client, pack_world, "coordinator", format="docx")
    assert response.status_code == 400
    assert b"pdf or xlsx" in response.content


def test_the_project_page_offers_the_pack(client, pack_world):
    client.force_login(pack_world.users["partner"])
    page = client.get(reverse("project-detail", args=[pack_world.own.project.pk]))
    assert reverse("project-report-pack", args=[pack_world.own.project.pk]) in page.text
    assert "Download the report pack" in page.text
