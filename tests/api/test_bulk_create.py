"""A list POSTed to a list endpoint: every item through the single POST's serializer, services
and permission check, in one transaction, all or nothing, refusals answered index by index."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from deliverables.models import Deliverable
from partners.models import Organisation

pytestmark = pytest.mark.django_db


def deliverable(world, code: str, **changes) -> dict:
    return {
        "project": world.own.project.pk, "code": code, "title": f"Result {code}",
        "kind": "guide", "lead_organisation": world.own.coordinator_org.pk,
        "due_date": "2023-06-30", **changes,
    }  # fmt: skip


def test_a_list_of_deliverables_is_created_in_order(api, world):
    items = [deliverable(world, f"D9.{n}", title=f"Città {n}") for n in range(1, 4)]
    response = api(world.users["coordinator"]).post("/api/deliverables/", items, format="json")
    assert response.status_code == 201, response.json()
    assert [row["code"] for row in response.json()] == ["D9.1", "D9.2", "D9.3"]
    assert set(
        Deliverable.objects.filter(code__startswith="D9.").values_list("title", flat=True)
    ) == {"Città 1", "Città 2", "Città 3"}


def test_one_bad_item_writes_nothing_and_is_named_by_its_index(api, world):
    items = [
        deliverable(world, "D9.1"),
        deliverable(world, "D9.2", due_date="2031-01-01"),  # after the project ends
        deliverable(world, "D9.1"),  # the code of the first, in the same list
    ]
    response = api(world.users["officer"]).post("/api/deliverables/", items, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert len(errors) == 3 and errors[0] == {}
    assert "due_date" in errors[1]
    assert errors[2], "a code given twice in the list is refused like a stored one"
    assert not Deliverable.objects.filter(code__startswith="D9.").exists()


def test_a_coordinator_posting_into_a_project_not_theirs_is_refused(api, world):
    items = [
        deliverable(world, "D9.1"),
        deliverable(
            world, "D9.2", project=world.other.project.pk,
            lead_organisation=world.other.coordinator_org.pk,
        ),
    ]  # fmt: skip
    response = api(world.users["coordinator"]).post("/api/deliverables/", items, format="json")
    assert response.status_code in (400, 403)
    assert response.json()[0] == {} and response.json()[1]
    assert not Deliverable.objects.filter(code__startswith="D9.").exists()


def test_a_partner_may_create_nothing_by_the_list_either(api, world):
    response = api(world.users["partner"]).post(
        "/api/deliverables/", [deliverable(world, "D9.1")], format="json"
    )
    assert response.status_code == 403
    assert not Deliverable.objects.filter(code="D9.1").exists()


def test_organisations_are_loaded_in_bulk_by_officers_alone(api, world):
    items = [
        {"name": name, "short_name": name[:8], "country": country, "type": "education"}
        for name, country in [("Fundación Ejemplo", "ES"), ("Köln Akademie", "DE")]
    ]
    coordinator = api(world.users["coordinator"])
    assert coordinator.post("/api/organisations/", items, format="json").status_code == 403
    response = api(world.users["officer"]).post("/api/organisations/", items, format="json")
    assert response.status_code == 201, response.json()
    assert Organisation.objects.filter(name__in=["Fundación Ejemplo", "Köln Akademie"]).count() == 2


def test_an_empty_list_or_a_list_of_no_objects_is_refused(api, world):
    officer = api(world.users["officer"])
    assert officer.post("/api/deliverables/", [], format="json").status_code == 400
    response = officer.post("/api/deliverables/", ["D9.1"], format="json")
    assert response.status_code == 400 and response.json()[0]


def test_a_list_longer_than_the_limit_is_refused_before_any_item_is_checked(api, world, settings):
    settings.API_MAX_LIST_ITEMS = 3
    response = api(world.users["officer"]).post("/api/deliverables/", [{}] * 4, format="json")
    assert response.status_code == 400
    assert "at most 3 objects" in str(response.json())


def test_resources_left_out_still_take_one_object(api, world):
    response = api(world.users["officer"]).post("/api/action-items/", [{}], format="json")
    assert response.status_code == 400
    assert "Expected a dictionary" in str(response.json())


def test_the_schema_documents_a_list_where_one_is_taken():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    body = schema["paths"]["/api/deliverables/"]["post"]["requestBody"]
    one_or_many = body["content"]["application/json"]["schema"]["oneOf"]
    assert one_or_many[1]["type"] == "array"
    assert one_or_many[1]["items"] == one_or_many[0]
    action_items = schema["paths"]["/api/action-items/"]["post"]["requestBody"]
    assert "oneOf" not in action_items["content"]["application/json"]["schema"]
