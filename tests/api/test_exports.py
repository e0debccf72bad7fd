"""Every list of the API as CSV or Excel: the JSON list's rows, every page of them, with the
same scoping and filters, and text that spreadsheet programs show rather than run."""

import csv
import io

import pytest
from drf_spectacular.generators import SchemaGenerator
from openpyxl import load_workbook

from tests.factories import DeliverableFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "projects", "organisations", "people", "partnerships", "objectives", "work-packages",
    "deliverables", "submissions", "meetings", "action-items",
]  # fmt: skip


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.worksheets[0].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize("resource", LISTS)
def test_each_list_exports_the_rows_of_its_json_list(api, world, resource):
    client = api(world.users["partner"])
    listed = client.get(f"/api/{resource}/?page_size=1000").json()["results"]
    exported = csv_rows(client.get(f"/api/{resource}/?format=csv"))
    assert [row["id"] for row in exported] == [str(row["id"]) for row in listed]
    in_excel = xlsx_rows(client.get(f"/api/{resource}/?format=xlsx"))
    assert [row["id"] for row in in_excel] == [row["id"] for row in listed]


@pytest.mark.parametrize("resource", LISTS)
def test_a_partners_export_holds_nothing_of_projects_they_are_not_in(api, world, resource):
    officer = csv_rows(api(world.users["officer"]).get(f"/api/{resource}/?format=csv"))
    partner = csv_rows(api(world.users["partner"]).get(f"/api/{resource}/?format=csv"))
    other = world.other.rows.get(resource)
    if other is not None:
        assert str(other.pk) in {row["id"] for row in officer}
        assert str(other.pk) not in {row["id"] for row in partner}
    text = repr(partner)
    assert "OTHER" not in text and "other-coordinator" not in text


def test_exports_follow_the_lists_filters(api, world):
    project = world.own.project
    DeliverableFactory(project=project, code="D2", lead_organisation=world.own.coordinator_org)
    client = api(world.users["officer"])
    rows = csv_rows(client.get(f"/api/deliverables/?format=csv&project={project.pk}"))
    assert sorted(row["code"] for row in rows) == ["D1", "D2"]
    rows = csv_rows(client.get("/api/deliverables/?format=csv&search=D2"))
    assert [row["code"] for row in rows] == ["D2"]


def test_every_row_is_exported_not_one_page(api, world):
    for number in range(3):
        DeliverableFactory(project=world.own.project, lead_organisation=world.own.partner_org,
                           code=f"X{number}")  # fmt: skip
    client = api(world.users["partner"])
    assert len(client.get("/api/deliverables/?page_size=1").json()["results"]) == 1
    assert len(csv_rows(client.get("/api/deliverables/?format=csv&page_size=1"))) == 4


def test_people_leave_their_e_mail_out_of_a_partners_export(api, world):
    partner = csv_rows(api(world.users["partner"]).get("/api/people/?format=csv"))
    assert partner and "email" not in partner[0]
    assert "partner@example.org" not in repr(partner)
    officer = xlsx_rows(api(world.users["officer"]).get("/api/people/?format=xlsx"))
    assert "partner@example.org" in {row["email"] for row in officer}


FORMULAS = ['=HYPERLINK("http://x.example","Click")', "+1+1", "-2+3", "@SUM(A1)"]


def test_text_that_looks_like_a_formula_is_written_as_text(api, world):
    for number, title in enumerate(FORMULAS):
        DeliverableFactory(project=world.own.project, lead_organisation=world.own.partner_org,
                           code=f"F{number}", title=title)  # fmt: skip
    client = api(world.users["officer"])
    as_csv = {row["code"]: row["title"] for row in csv_rows(
        client.get("/api/deliverables/?format=csv&search=F"))}  # fmt: skip
    assert [as_csv[f"F{n}"] for n in range(4)] == [f"'{title}" for title in FORMULAS]
    response = client.get("/api/deliverables/?format=xlsx&search=F")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    code, title = header.index("code"), header.index("title")
    cells = {row[code].value: row[title] for row in sheet.iter_rows(min_row=2)}
    for number, title in enumerate(FORMULAS):
        assert (cells[f"F{number}"].value, cells[f"F{number}"].data_type) == (title, "s")


def test_unicode_names_survive_both_formats(api, world):
    DeliverableFactory(project=world.own.project, lead_organisation=world.own.partner_org,
                       code="U1", title="Città, Cité, Fundación, Köln, Ş, ė, ł")  # fmt: skip
    client = api(world.users["officer"])
    [row] = csv_rows(client.get("/api/deliverables/?format=csv&search=U1"))
    assert row["title"] == "Città, Cité, Fundación, Köln, Ş, ė, ł"
    [row] = xlsx_rows(client.get("/api/deliverables/?format=xlsx&search=U1"))
    assert row["title"] == "Città, Cité, Fundación, Köln, Ş, ė, ł"


@pytest.mark.parametrize("query", ["format=pdf", "format=", "format=csv&format=xlsx"])
def test_a_format_other_than_csv_or_xlsx_is_refused_in_json(api, world, query):
    response = api(world.users["officer"]).get(f"/api/deliverables/?{query}")
    assert response.status_code == 400
    assert "format" in response.json()


def test_a_single_row_has_no_format(api, world):
    deliverable = world.own.rows["deliverables"]
    response = api(world.users["officer"]).get(f"/api/deliverables/{deliverable.pk}/?format=csv")
    assert response.status_code == 400
    assert "format" in response.json()


def test_a_refused_filter_is_answered_in_json_not_as_a_file(api, world):
    response = api(world.users["officer"]).get("/api/deliverables/?format=csv&late=maybe")
    assert response.status_code == 400
    assert "late" in response.json()


def test_the_schema_documents_the_formats_of_every_list():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for resource in [*LISTS, "newsletters"]:
        operation = schema["paths"][f"/api/{resource}/"]["get"]
        [parameter] = [p for p in operation["parameters"] if p["name"] == "format"]
        assert parameter["schema"]["enum"] == ["csv", "xlsx"]
        content = operation["responses"]["200"]["content"]
        assert {"application/json", "text/csv"} <= set(content), resource
    single = schema["paths"]["/api/deliverables/{id}/"]["get"]
    assert "format" not in {p["name"] for p in single["parameters"]}


def test_the_newsletters_list_exports_too(api, world):
    response = api(world.users["officer"]).get("/api/newsletters/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize(
    ("query", "status"), [("page=0", 404), ("page=x", 404), ("page_size=0", 400)]
)
def test_an_export_refuses_bad_paging_as_the_list_does(api, world, query, status):
    response = api(world.users["officer"]).get(f"/api/objectives/?format=csv&{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
