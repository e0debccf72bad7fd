"""Queries of every list endpoint at 1, 50 and 1,000 rows: they must be equal."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SIZES = (1, 50, 1000)


def list_endpoints() -> list[str]:
    from config.urls import router

    return [prefix for prefix, _viewset, _basename in router.registry]


def query_counts(user) -> dict[str, list[int]]:
    """{resource: [queries at each size]} for `user`, signed in with a session. A list with
    fewer rows than a size (a small --projects run) shows all it has. A list that is not the
    user's (the newsletter is the officers') is left out."""
    client = Client()
    client.force_login(user)
    counts = {}
    for resource in list_endpoints():
        if client.get(f"/api/{resource}/?page_size=1").status_code == 403:
            continue
        counts[resource] = []
        for size in SIZES:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/api/{resource}/?page_size={size}")
            assert response.status_code == 200, (resource, response.status_code)
            counts[resource].append(len(queries))
    return counts
