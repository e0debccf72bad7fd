"""The deliverables tables of the project page and My work download as CSV or Excel: the rows
the table shows, with its filters, and nothing of projects one is not in."""

import csv
import io

import pytest
from openpyxl import load_workbook

from deliverables.models import Deliverable
from tests.factories import DeliverableFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_project_page_offers_its_table_with_the_filters_applied(signed_in, world):
    project = world.own.project
    DeliverableFactory(project=project, code="D2", lead_organisation=world.own.coordinator_org,
                       status=Deliverable.Status.SUBMITTED)  # fmt: skip
    client = signed_in("partner")
    page = client.get(f"/projects/{project.pk}/?status=submitted").content.decode()
    assert f"/projects/{project.pk}/deliverables.csv?status=submitted" in page
    assert f"/projects/{project.pk}/deliverables.xlsx?status=submitted" in page
    rows = csv_rows(client.get(f"/projects/{project.pk}/deliverables.csv?status=submitted"))
    assert [(row["Project"], row["Code"]) for row in rows] == [("OWN", "D2")]
    every = csv_rows(client.get(f"/projects/{project.pk}/deliverables.csv"))
    assert sorted(row["Code"] for row in every) == ["D1", "D2"]


def test_the_project_download_of_a_project_one_is_not_in_answers_404(signed_in, world):
    response = signed_in("partner").get(f"/projects/{world.other.project.pk}/deliverables.csv")
    assert response.status_code == 404


def test_my_work_downloads_my_organisations_deliverables_in_excel(signed_in, world):
    client = signed_in("partner")
    assert "/my-work/deliverables.xlsx" in client.get("/my-work/").content.decode()
    response = client.get("/my-work/deliverables.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[:3] == ("Project", "Code", "Deliverable")
    assert [row[:2] for row in rows] == [("OWN", "D1")]


def test_downloads_speak_the_readers_language(signed_in, world):
    DeliverableFactory(project=world.own.project, lead_organisation=world.own.partner_org,
                       code="D0", due_date=world.own.project.start_date)  # fmt: skip
    world.own.people[1].__class__.objects.filter(pk=world.own.people[1].pk).update(
        preferred_language="fr"
    )
    rows = csv_rows(signed_in("partner").get("/my-work/deliverables.csv"))
    assert rows[0]["Livrable"]
    assert rows[0]["Statut"].endswith(" · en retard"), rows[0]


def test_an_unknown_format_answers_404(signed_in, world):
    assert signed_in("partner").get("/my-work/deliverables.pdf").status_code == 404
