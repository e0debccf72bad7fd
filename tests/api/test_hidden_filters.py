"""A filter naming a project one cannot see answers exactly as one naming no project at all."""

import pytest

from projects.models import Partnership
from tests.factories import PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
MISSING = 999_999


@pytest.fixture
def shared(world):
    """The partner's organisation also works in OTHER, with a colleague who is a contact in both."""
    organisation = world.own.partner_org
    colleague = PersonFactory(organisation=organisation, last_name="Colleague")
    Partnership.objects.get(project=world.own.project, organisation=organisation).contacts.add(
        colleague
    )
    elsewhere = PartnershipFactory(project=world.other.project, organisation=organisation)
    elsewhere.contacts.add(colleague)
    return colleague


@pytest.mark.parametrize("resource", ["organisations", "people"])
def test_a_filter_on_a_hidden_project_answers_as_on_a_missing_one(api, world, shared, resource):
    client = api(world.users["partner"])
    hidden = client.get(f"/api/{resource}/?project={world.other.project.pk}")
    missing = client.get(f"/api/{resource}/?project={MISSING}")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())
    assert missing.json()["results"] == []
    own = client.get(f"/api/{resource}/?project={world.own.project.pk}")
    assert own.json()["results"]  # the filter still works on one's own project


def test_an_officer_filters_on_any_project(api, world, shared):
    rows = api(world.users["officer"]).get(f"/api/people/?project={world.other.project.pk}")
    assert "Colleague" in {person["last_name"] for person in rows.json()["results"]}


HIDDEN_ROWS = {
    "project": lambda other: other.project,
    "organisation": lambda other: other.coordinator_org,
    "lead_organisation": lambda other: other.coordinator_org,
    "work_package": lambda other: other.rows["work-packages"],
    "deliverable": lambda other: other.rows["deliverables"],
    "meeting": lambda other: other.rows["meetings"],
    "owner": lambda other: other.people[0],
}
ID_FILTERS = [
    ("organisations", "project"), ("people", "project"), ("people", "organisation"),
    ("partnerships", "project"), ("partnerships", "organisation"), ("objectives", "project"),
    ("work-packages", "project"), ("work-packages", "lead_organisation"),
    ("deliverables", "project"), ("deliverables", "work_package"),
    ("deliverables", "lead_organisation"), ("submissions", "deliverable"),
    ("meetings", "project"), ("action-items", "meeting"), ("action-items", "project"),
    ("action-items", "owner"),
]  # fmt: skip


@pytest.mark.parametrize(("resource", "name"), ID_FILTERS)
def test_every_id_filter_answers_a_hidden_row_as_a_missing_one(api, world, shared, resource, name):
    client = api(world.users["partner"])
    hidden = client.get(f"/api/{resource}/?{name}={HIDDEN_ROWS[name](world.other).pk}")
    missing = client.get(f"/api/{resource}/?{name}={MISSING}")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())
