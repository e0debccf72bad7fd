"""Dates as ISO, as date cells, or as the user's language writes them (Django's
DATE_INPUT_FORMATS per language; English as config/formats has it: never 12/31 or 31/12)."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from deliverables.models import Deliverable
from workbooks.importing import import_workbook
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db


def deliverable_csv(world, tmp_path, due: str):
    lead = organisation_key(world.own.coordinator_org)
    path = tmp_path / "deliverables.csv"
    path.write_text(
        f"code;title;kind;lead_organisation;due_date\nD9.1;Guide;guide;{lead};{due}\n",
        encoding="utf-8",
    )
    return path


def imported(world, tmp_path, due: str, language: str):
    path = deliverable_csv(world, tmp_path, due)
    return import_workbook(
        path=path,
        reference=world.own.project.reference_number,
        dry_run=False,
        language=language,
    )


@pytest.mark.parametrize(
    ("language", "due"),
    [
        ("fr", "31/12/2023"),
        ("es", "31/12/2023"),
        ("it", "31/12/2023"),
        ("pt", "31/12/2023"),
        ("de", "31.12.2023"),
        ("en", "31 December 2023"),
        ("en", "31 Dec 2023"),
        ("fr", "2023-12-31"),
    ],
)
def test_a_date_in_the_users_language_is_read(world, tmp_path, language, due):
    report = imported(world, tmp_path, due, language)
    assert not report.refused, dict(report.sheets)
    deliverable = Deliverable.objects.get(code="D9.1")
    assert (deliverable.due_date.isoformat(), deliverable.due_date_confirmed) == (
        "2023-12-31",
        True,
    )


@pytest.mark.parametrize(
    ("language", "due", "example"),
    [
        ("en", "12/31/2023", "YYYY-MM-DD, e.g. 2026-03-31, or as 31 March 2026"),
        ("en", "31/12/2023", "YYYY-MM-DD, e.g. 2026-03-31, or as 31 March 2026"),
        ("de", "31/12/2023", "JJJJ-MM-TT, z. B. 2026-03-31, oder als 31.03.2026"),
    ],
)
def test_a_date_not_in_the_users_language_is_refused(world, tmp_path, language, due, example):
    report = imported(world, tmp_path, due, language)
    [(row, column, message)] = report.sheets["deliverables"].refused
    assert (row, column) == (2, "due_date") and example in message
    assert not Deliverable.objects.filter(code="D9.1").exists()


def test_a_month_alone_is_kept_in_every_language(world, tmp_path):
    assert not imported(world, tmp_path, "2023-03", "fr").refused
    deliverable = Deliverable.objects.get(code="D9.1")
    assert (deliverable.due_date.isoformat(), deliverable.due_date_confirmed) == (
        "2023-03-31",
        False,
    )


def test_the_command_reads_dates_in_the_language_given(world, tmp_path):
    path = deliverable_csv(world, tmp_path, "31.12.2023")
    reference = world.own.project.reference_number
    call_command("import_workbook", str(path), project=reference, lang="de", stdout=StringIO())
    assert Deliverable.objects.get(code="D9.1").due_date.isoformat() == "2023-12-31"


def test_the_page_reads_dates_in_the_users_language(client, world, tmp_path):
    content = deliverable_csv(world, tmp_path, "31/12/2023").read_bytes()
    client.force_login(world.users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    # The request leaves its language active in this thread: given back to the next tests.
    with translation.override(settings.LANGUAGE_CODE):
        response = client.post(
            f"/projects/{world.own.project.pk}/import/",
            {"workbook": SimpleUploadedFile("d.csv", content, content_type="text/csv")},
        )
    assert response.context["report"].sheets["deliverables"].created == [2]
