"""The work plan page: who reads it, who changes it, and every refusal beside its field."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliverables.models import Contribution, Deliverable, Submission, WorkPackage
from projects.models import Partnership
from tests.factories import (
    DeliverableFactory,
    OrganisationFactory,
    PartnershipFactory,
    WorkPackageFactory,
)
from tests.world import contact

pytestmark = pytest.mark.django_db

ROLES = ["officer", "coordinator", "partner", "other_coordinator", "other_partner", "anonymous"]
# What each role gets: the plan to read, and its forms to change it.
READS = {"officer": 200, "coordinator": 200, "partner": 200, "other_coordinator": 404,
         "other_partner": 404, "anonymous": 302}  # fmt: skip
CHANGES = {**READS, "partner": 403}


@pytest.fixture
def as_role(client, world):
    stranger = PartnershipFactory(project=world.other.project, role=Partnership.Role.PARTNER)
    users = {
        **world.users,
        "other_coordinator": world.other.people[0].user,
        "other_partner": contact(stranger.organisation, stranger, "other-partner").user,
    }

    def sign_in(role: str):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return sign_in


def plan(world, suffix: str = "") -> str:
    return f"/projects/{world.own.project.pk}/work-plan/{suffix}"


def package_data(world, **changes) -> dict:
    return {
        "code": "WP2", "title": "Training programme", "start_month": "3", "end_month": "14",
        "lead_organisation": world.own.partner_org.pk, **changes,
    }  # fmt: skip


def deliverable_data(world, **changes) -> dict:
    return {
        "code": "D2.1", "title": "Trainers' guide", "kind": "guide",
        "work_package": world.own.rows["work-packages"].pk,
        "lead_organisation": world.own.partner_org.pk,
        "contributors": [world.own.coordinator_org.pk], "due_date": "2023-03-15",
        "dissemination_level": "PU", "description": "", **changes,
    }  # fmt: skip


@pytest.mark.parametrize("package", ["", "x", "²", "¹⁰", "①", "99999999999999999999"])
def test_a_new_deliverables_package_that_is_no_plain_number_is_ignored(as_role, world, package):
    response = as_role("coordinator").get(plan(world, "deliverables/new/"), {"package": package})
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_plan_and_who_may_change_it(as_role, world, role):
    client = as_role(role)
    page = client.get(plan(world))
    assert page.status_code == READS[role]
    if page.status_code == 200:
        text = page.content.decode()
        assert "WP1" in text and "D1" in text
        assert ("Add a work package" in text) == (role != "partner")
    package, deliverable = world.own.rows["work-packages"], world.own.rows["deliverables"]
    for suffix in [
        "packages/new/", f"packages/{package.pk}/edit/", f"packages/{package.pk}/remove/",
        "deliverables/new/", f"deliverables/{deliverable.pk}/edit/",
        f"deliverables/{deliverable.pk}/remove/",
    ]:  # fmt: skip
        assert client.get(plan(world, suffix)).status_code == CHANGES[role], suffix


@pytest.mark.parametrize("role", ["partner", "other_coordinator", "other_partner", "anonymous"])
def test_those_who_may_not_change_the_plan_change_nothing(as_role, world, role):
    client = as_role(role)
    package, deliverable = world.own.rows["work-packages"], world.own.rows["deliverables"]
    posts = {
        "packages/new/": package_data(world),
        f"packages/{package.pk}/edit/": package_data(world, code="WP9"),
        f"packages/{package.pk}/move/": {"to": "down"},
        "deliverables/new/": deliverable_data(world),
        f"deliverables/{deliverable.pk}/edit/": deliverable_data(world, code="D9"),
        f"deliverables/{deliverable.pk}/move/": {"to": "up"},
        f"deliverables/{deliverable.pk}/remove/": {},
    }
    for suffix, data in posts.items():
        assert client.post(plan(world, suffix), data).status_code == CHANGES[role], suffix
    assert list(WorkPackage.objects.filter(project=world.own.project).values_list("code")) == [
        ("WP1",)
    ]
    assert Deliverable.objects.filter(project=world.own.project).get().code == "D1"


def test_rows_of_another_project_answer_404_even_inside_ones_own(as_role, world):
    client = as_role("coordinator")
    foreign_package = world.other.rows["work-packages"]
    foreign_deliverable = world.other.rows["deliverables"]
    for suffix in [
        f"packages/{foreign_package.pk}/edit/", f"packages/{foreign_package.pk}/remove/",
        f"deliverables/{foreign_deliverable.pk}/edit/",
    ]:  # fmt: skip
        assert client.get(plan(world, suffix)).status_code == 404
    other_plan = f"/projects/{world.other.project.pk}/work-plan/"
    assert client.get(other_plan).status_code == 404
    assert client.get(other_plan + f"packages/{foreign_package.pk}/edit/").status_code == 404
    response = client.post(other_plan + f"packages/{foreign_package.pk}/move/", {"to": "up"})
    assert response.status_code == 404


def test_the_coordinator_adds_a_work_package_that_comes_last(as_role, world):
    client = as_role("coordinator")
    response = client.post(plan(world, "packages/new/"), package_data(world))
    package = WorkPackage.objects.get(project=world.own.project, code="WP2")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#work-package-{package.pk}")
    assert package.position > world.own.rows["work-packages"].position
    assert (package.start_month, package.end_month) == (3, 14)
    text = client.get(plan(world)).content.decode()
    assert "M3–M14 (March 2022 – February 2023)" in text


def refused(response, field: str, words: str) -> None:
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(words in message for message in errors.get(field, [])), errors
    assert 'class="field has-error"' in response.content.decode()


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"code": "WP1"}, "code", "already has a work package with this code"),
        ({"lead_organisation": "spare"}, "lead_organisation", "Select a valid choice"),
        ({"end_month": "37"}, "end_month", "The project runs from M1 to M36"),
        ({"end_month": ""}, "end_month", "Give both the first and the last month, or neither"),
        ({"start_month": "9", "end_month": "4"}, "end_month", "comes before the first"),
        ({"title": ""}, "title", "required"),
        ({"code": "W" * 21}, "code", "at most 20 characters"),
        ({"code": "WP2\nBcc: x"}, "code", "on one line"),
        ({"title": "Training\tprogramme"}, "title", "on one line"),
    ],
)
def test_a_work_package_refused_keeps_what_was_typed(as_role, world, changes, field, words):
    if changes.get("lead_organisation") == "spare":
        changes["lead_organisation"] = world.spare_organisation.pk
    client = as_role("officer")
    response = client.post(plan(world, "packages/new/"), package_data(world, **changes))
    refused(response, field, words)
    kept = 'value="WP2"' if field == "title" else 'value="Training programme"'
    assert kept in response.content.decode()
    assert WorkPackage.objects.filter(project=world.own.project).count() == 1


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"code": "D1"}, "code", "already has a deliverable with this code"),
        ({"due_date": "2025-01-31"}, "due_date", "within the project's period"),
        ({"lead_organisation": "spare"}, "lead_organisation", "Select a valid choice"),
        ({"contributors": "spare"}, "contributors", "Select a valid choice"),
        ({"due_date": "31/12/2023"}, "due_date", "valid date"),
        ({"kind": "poem"}, "kind", "valid choice"),
        ({"dissemination_level": "CO"}, "dissemination_level", "valid choice"),
        # A code reaches the review mails' subject, which a line break would break.
        ({"code": "D9\nBcc: x"}, "code", "on one line"),
        ({"code": "D9\x1b[2J"}, "code", "on one line"),
    ],
)
def test_a_deliverable_refused_saves_nothing(as_role, world, changes, field, words):
    for name in ("lead_organisation", "contributors"):
        if changes.get(name) == "spare":
            changes[name] = world.spare_organisation.pk
    client = as_role("coordinator")
    response = client.post(plan(world, "deliverables/new/"), deliverable_data(world, **changes))
    refused(response, field, words)
    assert "Trainers&#x27; guide" in response.content.decode()
    assert Deliverable.objects.filter(project=world.own.project).count() == 1
    assert not Contribution.objects.filter(deliverable__project=world.own.project).exists()


@pytest.mark.parametrize("role", ["coordinator", "officer"])
def test_organisations_that_are_not_partners_answer_as_unknown_ones(as_role, world, role):
    strangers = [
        world.spare_organisation,
        world.other.coordinator_org,
        OrganisationFactory(name="Stiftung Digitale Chancen", short_name="SDC", country="DE"),
    ]
    unknown = max(stranger.pk for stranger in strangers) + 1000
    client = as_role(role)

    def answer(url: str, data: dict, field: str) -> list[str]:
        response = client.post(plan(world, url), data)
        refused(response, field, "Select a valid choice")
        page = response.content.decode()
        for stranger in strangers:
            assert stranger.name not in page and f"{stranger.short_name} " not in page
        return response.context["form"].errors[field]

    for stranger in strangers:
        as_unknown = {"lead_organisation": unknown, "contributors": [unknown]}
        for field, value in {
            "lead_organisation": stranger.pk,
            "contributors": [stranger.pk],
        }.items():
            given = answer("deliverables/new/", deliverable_data(world, **{field: value}), field)
            missing = answer(
                "deliverables/new/", deliverable_data(world, **{field: as_unknown[field]}), field
            )
            assert given == [message.replace(str(unknown), str(stranger.pk)) for message in missing]
        given = answer(
            "packages/new/", package_data(world, lead_organisation=stranger.pk), "lead_organisation"
        )
        missing = answer(
            "packages/new/", package_data(world, lead_organisation=unknown), "lead_organisation"
        )
        assert given == missing
    assert not Contribution.objects.filter(organisation__in=strangers).exists()


def test_a_due_month_to_be_confirmed_is_kept_as_its_last_day(as_role, world):
    client = as_role("coordinator")
    data = deliverable_data(world, due_date="2023-03-10", month_only="on")
    assert client.post(plan(world, "deliverables/new/"), data).status_code == 302
    deliverable = Deliverable.objects.get(project=world.own.project, code="D2.1")
    assert (deliverable.due_date, deliverable.due_date_confirmed) == (date(2023, 3, 31), False)
    assert list(deliverable.contributors.all()) == [world.own.coordinator_org]
    assert "March 2023 (to be confirmed)" in client.get(plan(world)).content.decode()
    project_page = client.get(f"/projects/{world.own.project.pk}/").content.decode()
    assert "March 2023 (to be confirmed)" in project_page
    edit = client.get(plan(world, f"deliverables/{deliverable.pk}/edit/")).content.decode()
    assert 'id="id_month_only" checked' in edit


def test_the_plan_speaks_french(as_role, world, settings):
    deliverable = world.own.rows["deliverables"]
    deliverable.due_date, deliverable.due_date_confirmed = date(2023, 3, 31), False
    deliverable.save()
    client = as_role("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(plan(world)).content.decode()
    assert "Plan de travail de OWN" in page and "mars 2023 (à confirmer)" in page
    refused = client.post(plan(world, "packages/new/"), package_data(world, end_month="40"))
    assert "Le projet va de M1 à M36 (de janvier 2022 à décembre 2024)." in refused.content.decode()


def test_a_row_is_edited_in_place_with_htmx(as_role, world):
    client = as_role("coordinator")
    deliverable = world.own.rows["deliverables"]
    url = plan(world, f"deliverables/{deliverable.pk}/edit/")
    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert form.content.decode().startswith(f'<tr id="deliverable-{deliverable.pk}">')
    wrong = client.post(url, deliverable_data(world, code="D1", due_date="2021-05-01"),
                        headers={"HX-Request": "true"})  # fmt: skip
    assert wrong.status_code == 400
    assert "<html" not in wrong.content.decode()
    assert "within the project" in wrong.content.decode()
    saved = client.post(url, deliverable_data(world, code="D1", title="Renamed"),
                        headers={"HX-Request": "true"})  # fmt: skip
    assert saved.status_code == 200
    assert "Renamed" in saved.content.decode() and "<form" in saved.content.decode()
    deliverable.refresh_from_db()
    assert (deliverable.title, deliverable.work_package) == (
        "Renamed", world.own.rows["work-packages"]
    )  # fmt: skip

    package = world.own.rows["work-packages"]
    url = plan(world, f"packages/{package.pk}/edit/")
    data = package_data(world, code="WP1", lead_organisation=package.lead_organisation_id)
    saved = client.post(url, data, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    assert saved.content.decode().startswith(
        f'<div class="work-package-head" id="work-package-{package.pk}">'
    )


def test_up_and_down_reorder_without_script(as_role, world):
    client = as_role("officer")
    first = world.own.rows["work-packages"]
    second = WorkPackageFactory(project=world.own.project, code="WP0", position=first.position + 1,
                                lead_organisation=world.own.partner_org)  # fmt: skip
    response = client.post(plan(world, f"packages/{second.pk}/move/"), {"to": "up"})
    assert response.status_code == 302
    order = list(
        world.own.project.work_packages.order_by("position").values_list("code", flat=True)
    )
    assert order == ["WP0", "WP1"]
    client.post(plan(world, f"packages/{second.pk}/move/"), {"to": "up"})  # already first
    order = list(
        world.own.project.work_packages.order_by("position").values_list("code", flat=True)
    )
    assert order == ["WP0", "WP1"]

    a, _b, _c = (
        DeliverableFactory(
            project=world.own.project,
            work_package=first,
            code=code,
            position=n,
            lead_organisation=world.own.partner_org,
        )
        for n, code in enumerate(["A", "B", "C"], start=1)
    )
    client.post(plan(world, f"deliverables/{a.pk}/move/"), {"to": "down"})
    in_package = first.deliverables.order_by("position").values_list("code", flat=True)
    assert list(in_package) == ["B", "A", "C"]
    text = client.get(plan(world)).content.decode()
    assert text.index(">B<") < text.index(">A<") < text.index(">C<")


def test_removal_is_refused_while_something_depends_on_it(as_role, world):
    client = as_role("coordinator")
    package = world.own.rows["work-packages"]
    deliverable = world.own.rows["deliverables"]
    deliverable.work_package = package
    deliverable.save()
    Submission.objects.create(deliverable=deliverable, link="https://example.org/draft")

    asked = client.get(plan(world, f"packages/{package.pk}/remove/"))
    assert "WP1 still groups 1 deliverable; move or remove it first." in asked.content.decode()
    response = client.post(plan(world, f"packages/{package.pk}/remove/"))
    assert response.status_code == 400
    assert "WP1 still groups 1 deliverable" in response.content.decode()
    response = client.post(plan(world, f"deliverables/{deliverable.pk}/remove/"))
    assert response.status_code == 400
    assert "D1 has 1 submission, kept as the record" in response.content.decode()
    assert WorkPackage.objects.filter(pk=package.pk).exists()
    assert Deliverable.objects.filter(pk=deliverable.pk).exists()


def test_a_free_row_is_removed(as_role, world):
    client = as_role("coordinator")
    deliverable, package = world.own.rows["deliverables"], world.own.rows["work-packages"]
    assert client.post(plan(world, f"deliverables/{deliverable.pk}/remove/")).status_code == 302
    assert client.post(plan(world, f"packages/{package.pk}/remove/")).status_code == 302
    assert not world.own.project.deliverables.exists()
    assert not world.own.project.work_packages.exists()


def grow(world, size: int) -> None:
    project, partner = world.own.project, world.own.partner_org
    packages = [WorkPackageFactory(project=project, lead_organisation=partner) for _ in range(3)]
    for n in range(size):
        deliverable = DeliverableFactory(
            project=project, work_package=packages[n % 3], lead_organisation=partner
        )
        Contribution.objects.create(deliverable=deliverable, organisation=world.own.coordinator_org)


@pytest.mark.parametrize("role", ["officer", "coordinator", "partner"])
def test_the_plan_costs_the_same_queries_at_5_and_50_deliverables(as_role, world, role):
    client = as_role(role)
    counts = []
    for size in (5, 45):
        grow(world, size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan(world)).status_code == 200
        counts.append(len(queries))
    assert world.own.project.deliverables.count() == 51
    assert counts[0] == counts[1], counts
