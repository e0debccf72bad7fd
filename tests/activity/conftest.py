import pytest

from projects.models import Partnership
from tests.factories import PartnershipFactory, PersonFactory, UserFactory

ROLES = ["officer", "coordinator", "other-coordinator", "partner", "other-partner", "anonymous"]


@pytest.fixture
def people(world) -> dict:
    """The world's users, with the coordinator and a partner of the project they are not in."""
    other = PartnershipFactory(project=world.other.project, role=Partnership.Role.PARTNER)
    user = UserFactory(username="other-partner")
    other.contacts.add(PersonFactory(organisation=other.organisation, user=user))
    return {**world.users, "other-coordinator": world.other.people[0].user, "other-partner": user}


@pytest.fixture
def reader(client, people):
    """A test client signed in as one of `people` (or no one, for "anonymous")."""

    def sign_in(role: str):
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return sign_in
