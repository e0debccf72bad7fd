import pytest


@pytest.fixture
def signed_in(client, world):
    """A test client signed in as one of the world's users: officer, coordinator or partner."""

    def sign_in(role: str):
        client.force_login(world.users[role])
        return client

    return sign_in
