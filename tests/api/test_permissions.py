"""Who may do what through the API, as one table: role × resource × action × project.

Each cell is the status a user gets acting on a row of their own project (OWN) or of a project
they are not in (OTHER). 404 outside one's projects, never 403: existence is not revealed; 403
for what one may see but not change. A create naming a project one cannot see is a 400, like a
project that does not exist.
"""

import pytest

from deliverables.models import Deliverable, WorkPackage
from meetings.models import ActionItem, Meeting
from outreach.models import DisseminationEntry, Result
from partners.models import Organisation, Person
from projects.models import Objective, Partnership, Project


@pytest.fixture
def world(db, shared_world):
    """One world for the module's hundreds of cases: they change the database, not its objects."""
    return shared_world


ROLES = ["officer", "coordinator", "partner", "anonymous"]

TABLE = """
resource       action    officer  coordinator  partner  anonymous
projects       retrieve  200 200  200 404      200 404  401 401
projects       create    201 201  403 403      403 403  401 401
projects       update    200 200  403 404      403 404  401 401
projects       delete    204 204  403 404      403 404  401 401
organisations  retrieve  200 200  200 404      200 404  401 401
organisations  create    201 201  403 403      403 403  401 401
organisations  update    200 200  403 404      403 404  401 401
organisations  delete    409 409  403 404      403 404  401 401
people         retrieve  200 200  200 404      200 404  401 401
people         create    201 201  403 403      403 403  401 401
people         update    200 200  403 404      403 404  401 401
people         delete    409 409  403 404      403 404  401 401
partnerships   retrieve  200 200  200 404      200 404  401 401
partnerships   create    201 201  403 403      403 403  401 401
partnerships   update    200 200  403 404      403 404  401 401
partnerships   delete    400 400  403 404      403 404  401 401
objectives     retrieve  200 200  200 404      200 404  401 401
objectives     create    201 201  403 403      403 403  401 401
objectives     update    200 200  403 404      403 404  401 401
objectives     delete    204 204  403 404      403 404  401 401
work-packages  retrieve  200 200  200 404      200 404  401 401
work-packages  create    201 201  201 400      403 403  401 401
work-packages  update    200 200  200 404      403 404  401 401
work-packages  delete    204 204  204 404      403 404  401 401
deliverables   retrieve  200 200  200 404      200 404  401 401
deliverables   create    201 201  201 400      403 403  401 401
deliverables   update    200 200  200 404      403 404  401 401
deliverables   delete    204 204  204 404      403 404  401 401
meetings       retrieve  200 200  200 404      200 404  401 401
meetings       create    201 201  201 400      403 403  401 401
meetings       update    200 200  200 404      403 404  401 401
meetings       delete    204 204  204 404      403 404  401 401
action-items   retrieve  200 200  200 404      200 404  401 401
action-items   create    201 201  201 400      403 403  401 401
action-items   update    200 200  200 404      403 404  401 401
action-items   delete    204 204  204 404      403 404  401 401
dissemination  retrieve  200 200  200 404      200 404  401 401
dissemination  create    201 201  201 400      201 400  401 401
dissemination  update    200 200  200 404      200 404  401 401
dissemination  delete    204 204  204 404      204 404  401 401
results        retrieve  200 200  200 404      200 404  401 401
results        create    201 201  201 400      201 400  401 401
results        update    200 200  200 404      200 404  401 401
results        delete    204 204  204 404      204 404  401 401
"""

# What a list shows: every row for officers, their own project's rows for the others.
LISTS = {"officer": "all", "coordinator": "own", "partner": "own", "anonymous": 401}


def cells():
    _header, *rows = [line.split() for line in TABLE.strip().splitlines()]
    for resource, action, *statuses in rows:
        for i, role in enumerate(ROLES):
            own, other = statuses[2 * i], statuses[2 * i + 1]
            yield pytest.param(
                resource, action, role, "own", int(own), id=f"{resource}-{action}-{role}-own"
            )
            yield pytest.param(
                resource, action, role, "other", int(other), id=f"{resource}-{action}-{role}-other"
            )


def create_payload(world, resource, scope):
    project = scope.project.pk
    return {
        "projects": {
            "acronym": "NEWPROJ", "title": "A new project", "action": "KA220-ADU",
            "start_date": "2025-01-01", "end_date": "2026-12-31",
        },
        "organisations": {"name": "Cité des métiers de Namur", "short_name": "N", "country": "BE"},
        "people": {
            "first_name": "Inès", "last_name": "Nouveau", "email": "ines@example.org",
            "organisation": scope.coordinator_org.pk,
        },
        "partnerships": {"project": project, "organisation": world.spare_organisation.pk},
        "objectives": {"project": project, "number": 9, "title": "A new objective"},
        "work-packages": {
            "project": project, "code": "WP9", "title": "Quality",
            "lead_organisation": scope.coordinator_org.pk,
        },
        "deliverables": {
            "project": project, "code": "D9", "title": "Guide", "due_date": "2023-09-30",
            "lead_organisation": scope.coordinator_org.pk,
        },
        "meetings": {
            "project": project, "kind": "transnational", "title": "Third coordination meeting",
            "start_date": "2023-10-25", "end_date": "2023-10-26", "city": "Torino",
        },
        "action-items": {
            "meeting": scope.rows["meetings"].pk, "description": "Send the minutes",
            "owner": scope.people[0].pk, "due_date": "2023-11-15",
        },
        # In the name of the row's partner: a partner's own organisation in OWN.
        "dissemination": {
            "project": project, "organisation": scope.rows["dissemination"].organisation_id,
            "title": "Post on the project's page", "date": "2023-05-02", "channel": "website",
            "audience": 300,
        },
        "results": {
            "project": project, "organisation": scope.rows["results"].organisation_id,
            "title": "Toolbox", "description": "Activities for workshops.",
            "languages": ["it"], "licence": "cc_by_sa_4",
        },
    }[resource]  # fmt: skip


UPDATES = {
    "projects": {"title": "Renamed"},
    "organisations": {"short_name": "Renamed"},
    "people": {"job_title": "Renamed"},
    "partnerships": {"role": "associated"},
    "objectives": {"title": "Renamed"},
    "work-packages": {"title": "Renamed"},
    "deliverables": {"title": "Renamed"},
    "meetings": {"title": "Renamed"},
    "action-items": {"description": "Renamed"},
    "dissemination": {"title": "Renamed"},
    "results": {"title": "Renamed"},
}


@pytest.mark.parametrize(("resource", "action", "role", "scope", "expected"), list(cells()))
def test_permission_table(world, api, resource, action, role, scope, expected):
    client = api(world.users[role])
    target = world.scope(scope).rows[resource]
    detail = f"/api/{resource}/{target.pk}/"
    if action == "retrieve":
        response = client.get(detail)
    elif action == "create":
        response = client.post(
            f"/api/{resource}/", create_payload(world, resource, world.scope(scope)), format="json"
        )
    elif action == "update":
        response = client.patch(detail, UPDATES[resource], format="json")
    else:
        response = client.delete(detail)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json(), "a refusal says why"


MODELS = {
    "projects": Project,
    "organisations": Organisation,
    "people": Person,
    "partnerships": Partnership,
    "objectives": Objective,
    "work-packages": WorkPackage,
    "deliverables": Deliverable,
    "meetings": Meeting,
    "action-items": ActionItem,
    "dissemination": DisseminationEntry,
    "results": Result,
}


def rows_of_project(resource, project):
    if resource == "projects":
        return Project.objects.filter(pk=project.pk)
    if resource == "organisations":
        return Organisation.objects.filter(partnerships__project=project)
    if resource == "people":
        return Person.objects.filter(partnerships__project=project)
    if resource == "action-items":
        return ActionItem.objects.filter(meeting__project=project)
    return MODELS[resource].objects.filter(project=project)


@pytest.mark.parametrize("resource", list(MODELS))
@pytest.mark.parametrize("role", ROLES)
def test_lists_show_exactly_the_rows_of_ones_projects(world, api, resource, role):
    response = api(world.users[role]).get(f"/api/{resource}/?page_size=200")
    if LISTS[role] == 401:
        assert response.status_code == 401
        return
    assert response.status_code == 200, response.content
    shown = {row["id"] for row in response.json()["results"]}
    if LISTS[role] == "all":
        expected = set(MODELS[resource].objects.values_list("pk", flat=True))
    else:
        expected = set(rows_of_project(resource, world.own.project).values_list("pk", flat=True))
    assert shown == expected
    assert response.json()["count"] == len(expected)


# A project's budget is read by whoever reads the project (and written on its page only).
BUDGET_TABLE = """
officer  coordinator  partner  anonymous
200 200  200 404      200 404  401 401
"""


def budget_cells():
    _header, statuses = [line.split() for line in BUDGET_TABLE.strip().splitlines()]
    for i, role in enumerate(ROLES):
        for n, scope in enumerate(["own", "other"]):
            expected = int(statuses[2 * i + n])
            yield pytest.param(role, scope, expected, id=f"budget-{role}-{scope}")


@pytest.mark.parametrize(("role", "scope", "expected"), list(budget_cells()))
def test_a_projects_budget_is_read_in_its_own_projects_only(world, api, role, scope, expected):
    project = world.scope(scope).project
    response = api(world.users[role]).get(f"/api/projects/{project.pk}/budget/")
    assert response.status_code == expected, response.content
    if expected == 200:
        assert response.json()["project"] == project.pk
    for method in ("post", "put", "patch", "delete"):
        refused = getattr(api(world.users[role]), method)(f"/api/projects/{project.pk}/budget/")
        assert refused.status_code in (401, 404, 405), "the budget is written on its page"


def test_rights_follow_each_project_for_a_person_with_two_roles(world, api):
    from tests.factories import DeliverableFactory, PartnershipFactory, ProjectFactory

    coordinator = world.users["coordinator"]
    third = ProjectFactory(acronym="THIRD")
    PartnershipFactory(project=third, role=Partnership.Role.COORDINATOR)
    as_partner = PartnershipFactory(project=third, organisation=coordinator.person.organisation)
    as_partner.contacts.add(coordinator.person)
    theirs = DeliverableFactory(project=third, lead_organisation=as_partner.organisation)

    client = api(coordinator)
    assert client.get(f"/api/projects/{third.pk}/").status_code == 200
    patch = client.patch(f"/api/deliverables/{theirs.pk}/", {"title": "x"}, format="json")
    assert patch.status_code == 403
    own = world.own.rows["deliverables"]
    assert (
        client.patch(f"/api/deliverables/{own.pk}/", {"title": "x"}, format="json").status_code
        == 200
    )
    submitted = client.post(
        f"/api/deliverables/{theirs.pk}/submit/", {"link": "https://example.org/d"}, format="json"
    )
    assert submitted.status_code == 201  # their organisation leads it in the third project
    me = client.get("/api/me/").json()
    assert {(p["acronym"], p["role"]) for p in me["projects"]} == {
        ("OWN", "coordinator"),
        ("THIRD", "partner"),
    }
