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
