import pytest

from tests.factories import PartnershipFactory, PersonFactory, UserFactory


@pytest.fixture
def signed_in(client, world):
    """A test client signed in as one of the world's users: officer, coordinator or partner."""

    def sign_in(role: str):
        client.force_login(world.users[role])
        return client

    return sign_in


@pytest.fixture
def client_as(client, world):
    """A test client as any role of the access tests: the world's users, plus a coordinator and a
    partner contact of the other project, or anonymous (None) when the world has no such user."""
    other_partnership = PartnershipFactory(project=world.other.project, role="partner")
    other_partner = PersonFactory(
        organisation=other_partnership.organisation, user=UserFactory(username="other-partner")
    )
    other_partnership.contacts.add(other_partner)
    users = {
        **world.users,
        "other-coordinator": world.other.people[0].user,
        "other-partner": other_partner.user,
    }

    def sign_in(role: str):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return sign_in
