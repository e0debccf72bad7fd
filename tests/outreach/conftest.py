from tests.portal.conftest import client_as  # noqa: F401  the pages' access tests share it
