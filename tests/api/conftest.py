import pytest
from _pytest.mark.expression import Expression
from rest_framework.test import APIClient


def pytest_ignore_collect(collection_path, config):
    """Collecting the fuzz tests generates the OpenAPI schema and every operation's examples,
    seconds of work: not done when the -m expression leaves out the `fuzz` tests anyway."""
    markers = config.option.markexpr
    if collection_path.name != "test_fuzzing.py" or not markers:
        return None
    fuzz_selected = Expression.compile(markers).evaluate(lambda name, **kwargs: name == "fuzz")
    return True if not fuzz_selected else None


@pytest.fixture
def api():
    def client_for(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for
