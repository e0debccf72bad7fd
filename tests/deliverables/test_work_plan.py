"""The work plan's rules answer alike from the page, the API and the admin, in the same words."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from deliverables.models import Deliverable, Submission, WorkPackage
from deliverables.work_plan import (
    move_deliverable,
    remove_work_package,
    save_deliverable,
    save_work_package,
)
from tests.conftest import refused_by_database, refused_by_validation
from tests.factories import DeliverableFactory, WorkPackageFactory

pytestmark = pytest.mark.django_db

STILL_GROUPS = "WP1 still groups 1 deliverable; move or remove it first."
HANDED_IN = "D1 has 1 submission, kept as the record of what was handed in; it cannot be removed."


@pytest.fixture
def depended_on(world):
    """OWN's WP1 groups D1, for which something was handed in."""
    package, deliverable = world.own.rows["work-packages"], world.own.rows["deliverables"]
    deliverable.work_package = package
    deliverable.save()
    Submission.objects.create(deliverable=deliverable, link="https://example.org/draft")
    return package, deliverable


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:deliverables_{model._meta.model_name}_{view}", args=args)


def test_the_api_refuses_removal_in_the_pages_words(world, depended_on):
    package, deliverable = depended_on
    api = api_as(world.users["coordinator"])
    refused = api.delete(f"/api/work-packages/{package.pk}/")
    assert refused.status_code == 400
    assert refused.json() == {"non_field_errors": [STILL_GROUPS]}
    refused = api.delete(f"/api/deliverables/{deliverable.pk}/")
    assert refused.status_code == 400
    assert refused.json() == {"non_field_errors": [HANDED_IN]}
    assert (
        api_as(world.users["partner"]).delete(f"/api/work-packages/{package.pk}/").status_code
        == 403
    )
    assert WorkPackage.objects.filter(pk=package.pk).exists()
    assert Deliverable.objects.filter(pk=deliverable.pk).exists()


def test_the_admin_refuses_removal_in_the_pages_words(client, world, depended_on):
    package, deliverable = depended_on
    client.force_login(world.users["officer"])
    for model, row, words in [
        (WorkPackage, package, STILL_GROUPS),
        (Deliverable, deliverable, HANDED_IN),
    ]:
        response = client.post(admin_url(model, "delete", row.pk), {"post": "yes"})
        assert response.status_code == 302
        assert response["Location"] == admin_url(model, "change", row.pk)
        assert [str(m) for m in get_messages(response.wsgi_request)][-1] == words
        response = client.post(
            admin_url(model, "changelist"),
            {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
        )
        assert words in [str(m) for m in get_messages(response.wsgi_request)]
        assert model.objects.filter(pk=row.pk).exists()


def test_removal_is_allowed_once_nothing_depends_on_it(world, depended_on):
    package, deliverable = depended_on
    api = api_as(world.users["officer"])
    deliverable.submissions.all().delete()
    assert api.delete(f"/api/deliverables/{deliverable.pk}/").status_code == 204
    assert api.delete(f"/api/work-packages/{package.pk}/").status_code == 204


def test_a_whole_project_still_goes_with_its_plan_and_submissions(world, depended_on):
    world.own.project.delete()
    assert not Submission.objects.filter(link="https://example.org/draft").exists()


def test_the_api_reads_and_writes_the_new_fields(world):
    api = api_as(world.users["coordinator"])
    created = api.post(
        "/api/work-packages/",
        {"project": world.own.project.pk, "code": "WP2", "title": "Training",
         "lead_organisation": world.own.partner_org.pk, "start_month": 3, "end_month": 14},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert (created.json()["start_month"], created.json()["end_month"]) == (3, 14)
    assert created.json()["position"] > world.own.rows["work-packages"].position
    deliverable = api.post(
        "/api/deliverables/",
        {"project": world.own.project.pk, "code": "D2.1", "title": "Guide", "kind": "guide",
         "work_package": created.json()["id"], "lead_organisation": world.own.partner_org.pk,
         "due_date": "2023-03-31", "due_date_confirmed": False, "dissemination_level": "SEN"},
        format="json",
    )  # fmt: skip
    assert deliverable.status_code == 201, deliverable.json()
    listed = api.get("/api/deliverables/", {"project": world.own.project.pk})
    assert listed.status_code == 200, listed.json()
    body = listed.json()
    row = next(row for row in body.get("results", body) if row["code"] == "D2.1")
    assert (row["due_date_confirmed"], row["dissemination_level"], row["position"]) == (
        False, "SEN", 1,
    )  # fmt: skip


@pytest.mark.parametrize(
    "payload, field, words",
    [
        ({"end_month": 37}, "end_month", "The project runs from M1 to M36"),
        ({"end_month": None}, "end_month", "Give both the first and the last month, or neither"),
        ({"lead_organisation": "spare"}, "lead_organisation", "must be a partner of the project"),
    ],
)
def test_the_api_refuses_a_work_package_as_the_page_does(world, payload, field, words):
    if payload.get("lead_organisation") == "spare":
        payload["lead_organisation"] = world.spare_organisation.pk
    api = api_as(world.users["officer"])
    data = {"project": world.own.project.pk, "code": "WP2", "title": "Training",
            "lead_organisation": world.own.partner_org.pk, "start_month": 3, "end_month": 14,
            **payload}  # fmt: skip
    response = api.post("/api/work-packages/", data, format="json")
    assert response.status_code == 400
    assert any(words in message for message in response.json()[field]), response.json()


def test_the_api_refuses_a_stranger_contributing_in_the_pages_words(world):
    deliverable = world.own.rows["deliverables"]
    # An officer sees every organisation; others are told a hidden one does not exist.
    response = api_as(world.users["officer"]).patch(
        f"/api/deliverables/{deliverable.pk}/",
        {"contributors": [world.spare_organisation.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["contributors"] == [
        f"{world.spare_organisation.short_name} is not a partner of the project; "
        "a contributor must be one."
    ]


def test_only_those_who_run_the_project_change_its_plan(world):
    package = world.own.rows["work-packages"]
    for role in ("partner",):
        with pytest.raises(PermissionDenied, match="may change this"):
            save_work_package(work_package=package, by=world.users[role])
        with pytest.raises(PermissionDenied):
            remove_work_package(work_package=package, by=world.users[role])
        with pytest.raises(PermissionDenied):
            move_deliverable(
                deliverable=world.own.rows["deliverables"], up=True, by=world.users[role]
            )
    with pytest.raises(PermissionDenied):
        save_work_package(
            work_package=world.other.rows["work-packages"], by=world.users["coordinator"]
        )


def test_a_deliverable_moved_to_another_work_package_comes_last_there(world):
    first = world.own.rows["work-packages"]
    second = WorkPackageFactory(project=world.own.project, lead_organisation=world.own.partner_org)
    for code in ("A", "B"):
        DeliverableFactory(project=world.own.project, work_package=second, code=code,
                           lead_organisation=world.own.partner_org)  # fmt: skip
    deliverable = DeliverableFactory(project=world.own.project, work_package=first, code="C",
                                     lead_organisation=world.own.partner_org)  # fmt: skip
    deliverable.work_package = second
    save_deliverable(deliverable=deliverable, by=world.users["officer"])
    # A and B were made straight away, both at position 0: only C's place is the service's.
    positions = dict(second.deliverables.values_list("code", "position"))
    assert positions["C"] > max(positions["A"], positions["B"])


def test_a_due_date_to_be_confirmed_is_the_last_day_of_its_month(world):
    deliverable = world.own.rows["deliverables"]
    deliverable.due_date, deliverable.due_date_confirmed = date(2023, 3, 15), False
    with refused_by_validation("due_date", "kept as the last day of its month, 31 March 2023"):
        deliverable.full_clean()
    deliverable.due_date = date(2023, 3, 31)
    deliverable.full_clean()


def test_the_database_keeps_a_work_packages_period_in_order(world):
    package = world.own.rows["work-packages"]
    for start, end in [(0, 3), (5, 4), (2, None)]:
        package.start_month, package.end_month = start, end
        with refused_by_database():
            package.save()


def test_a_period_outside_the_project_is_refused(world):
    package = world.own.rows["work-packages"]
    package.start_month, package.end_month = 30, 40
    with pytest.raises(ValidationError) as refusal:
        package.full_clean()
    assert "M1 to M36 (January 2022 to December 2024)" in refusal.value.message_dict["end_month"][0]
