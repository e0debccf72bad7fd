"""The schema says what the API answers, and the API is as strict as the schema: error answers
are documented, ids and pages have bounds, and unknown or malformed parameters, fields and
links are refused rather than silently ignored or stored."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator

from newsletters.models import NewsletterIssue

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_refusals_in_the_handlers_shape(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert {"401", "403", "406"} <= set(responses), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        if method in ("post", "put", "patch", "delete"):
            assert {"400", "409"} <= set(responses), (method, path)
        if "requestBody" in operation:
            assert "415" in responses, (method, path)
        if any(p["in"] == "query" for p in operation.get("parameters", [])):
            assert "text/html" in responses["414"]["content"], (method, path)
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
    token = schema["paths"]["/api/auth/token/"]["post"]["responses"]
    assert "429" in token


def test_a_draft_issue_may_have_no_approver(schema):
    approver = schema["components"]["schemas"]["NewsletterIssue"]["properties"]["approved_by"]
    assert approver["nullable"] is True


def test_ids_and_pages_have_the_bounds_the_api_keeps(schema):
    parameters = schema["paths"]["/api/projects/{id}/"]["get"]["parameters"]
    [id_] = [p for p in parameters if p["name"] == "id"]
    assert id_["schema"]["minimum"] == 1
    listing = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/projects/"]["get"]["parameters"]
    }
    assert listing["page"]["minimum"] == 1
    assert (listing["page_size"]["minimum"], listing["page_size"]["maximum"]) == (1, 1000)


def test_request_bodies_admit_no_other_field(schema):
    components = schema["components"]["schemas"]
    for name in ["ProjectRequest", "PatchedDeliverableRequest", "SubmitRequest"]:
        assert components[name]["additionalProperties"] is False, name


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("type=x", "type"),  # no such filter on deliverables
        ("due_before=", "due_before"),  # a date, or nothing at all
        ("kind=tool&kind=guide", "kind"),
        ("search=a%00", "search"),
    ],
)
def test_unknown_empty_repeated_or_null_parameters_are_refused(world, api, query, name):
    response = api(world.users["officer"]).get(f"/api/deliverables/?{query}")
    assert response.status_code == 400
    assert name in response.json()


def test_a_yes_no_filter_takes_true_or_false_only(world, api):
    officer = api(world.users["officer"])
    assert officer.get("/api/organisations/?is_network_member=null").status_code == 400
    assert officer.get("/api/organisations/?is_network_member=true").status_code == 200


def test_json_values_of_the_wrong_type_are_refused_not_converted(world, api):
    deliverable = world.own.rows["deliverables"]
    response = api(world.users["officer"]).patch(
        f"/api/deliverables/{deliverable.pk}/",
        {"title": 0, "contributors": {}, "project": str(deliverable.project_id)},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "contributors", "project"}
    deliverable.refresh_from_db()
    assert deliverable.title != "0"


def test_a_link_that_is_no_uri_is_refused(world, api):
    project = world.own.project
    response = api(world.users["officer"]).patch(
        f"/api/projects/{project.pk}/",
        {"website": 'https://x.example/"><script>'},
        format="json",
    )
    assert response.status_code == 400
    assert "website" in response.json()
    submitted = api(world.users["partner"]).post(
        f"/api/deliverables/{world.own.rows['deliverables'].pk}/submit/",
        {"link": "https://x.example/a b"},
        format="json",
    )
    assert submitted.status_code == 400


def test_an_empty_form_value_is_refused_not_read_as_left_out(world, api):
    item = world.own.rows["action-items"]
    owner = api(item.owner.user)
    response = owner.patch(
        f"/api/action-items/{item.pk}/", "status=", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "status" in response.json()


@pytest.mark.parametrize("id_", ["0.5", "-2.7e-92", "abc", "1.json"])
def test_a_malformed_id_is_answered_404_in_json(world, api, id_):
    for path in (f"/api/projects/{id_}/", f"/api/deliverables/{id_}/submit/"):
        response = api(world.users["officer"]).get(path)
        assert response.status_code in (404, 405), path
        assert response["Content-Type"] == "application/json", path


def test_a_form_says_yes_or_no_as_true_or_false(world, api):
    draft = {"period_start": "2023-01-01", "period_end": "2023-01-31", "language": "en"}
    officer = api(world.users["officer"])
    assert officer.post("/api/newsletters/", {**draft, "confirm": "0"}).status_code == 400
    assert officer.post("/api/newsletters/", {**draft, "confirm": "false"}).status_code == 201


def test_an_issues_export_takes_its_output_once(world, api):
    issue = NewsletterIssue.objects.create(
        period_start=date(2018, 9, 1), period_end=date(2018, 10, 31), language="en",
        generated_content="# Agenda",
    )  # fmt: skip
    officer, url = api(world.users["officer"]), f"/api/newsletters/{issue.pk}/export/"
    assert officer.get(url, {"output": "md"}).status_code == 200
    assert officer.get(f"{url}?output=").status_code == 400
    twice = officer.get(f"{url}?output=xx&output=md")
    assert twice.status_code == 400
    assert "once" in twice.json()["output"][0]


def test_an_objectives_history_documents_only_the_parameters_it_reads(schema):
    operation = schema["paths"]["/api/objectives/{id}/history/"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"id", "page", "page_size"}


@pytest.mark.parametrize("value", ["5.0", "1e3", "+5", " 5"])
def test_an_id_filter_takes_digits_only(world, api, value):
    response = api(world.users["officer"]).get("/api/submissions/", {"deliverable": value})
    assert response.status_code == 400
    assert "deliverable" in response.json()


def test_a_parameter_refused_empty_is_documented_so_and_only_those(world, api, schema):
    """`?country=` is refused (a filter given empty would answer every row); a search or an
    ordering may be empty. The schema says which (minLength), and each such parameter of the
    lists is refused empty."""
    officer = api(world.users["officer"])
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or parameter["schema"].get("type") != "string":
                continue
            empty_allowed = parameter["name"] in ("search", "ordering")
            assert parameter["schema"].get("minLength") == (None if empty_allowed else 1), (
                path,
                parameter["name"],
            )
            if method == "get" and "{" not in path and not empty_allowed:
                response = officer.get(f"{path}?{parameter['name']}=")
                assert response.status_code == 400, (path, parameter["name"])


@pytest.mark.parametrize("ordering", ["start_date", "-start_date"])
def test_paging_through_rows_ordered_by_a_shared_date_shows_each_once(world, api, ordering):
    """?ordering= breaks ties by id (common.filters.StableOrdering): meetings on the same day
    came back in any order, so a page could repeat one and the next miss another."""
    from tests.factories import MeetingFactory

    day = date(2023, 5, 4)
    made = [
        MeetingFactory(project=world.own.project, start_date=day, end_date=day).pk for _ in range(6)
    ]
    client = api(world.users["officer"])
    seen = []
    for page in range(1, 7):
        answer = client.get(
            f"/api/meetings/?starts_after={day}&starts_before={day}&ordering={ordering}"
            f"&page_size=1&page={page}"
        ).json()
        seen += [row["id"] for row in answer["results"]]
    assert seen == sorted(made, reverse=ordering.startswith("-"))
    # The database may return ties in id order by chance; the order asked of it says so.
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/api/meetings/?ordering={ordering}")
    page = next(
        q["sql"] for q in queries if 'FROM "meetings_meeting"' in q["sql"] and "LIMIT" in q["sql"]
    )
    direction = " DESC" if ordering.startswith("-") else " ASC"
    assert (
        page.split("ORDER BY")[-1]
        .split("LIMIT")[0]
        .strip()
        .endswith(f'"meetings_meeting"."id"{direction}')
    )
