"""A list's `count`: exact for a small list; past EXACT_COUNT_UP_TO rows, PostgreSQL's estimate,
so a page of 50 does not pay for counting the whole table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common import pagination

pytestmark = pytest.mark.django_db


def listed(api, user, url):
    with CaptureQueriesContext(connection) as queries:
        response = api(user).get(url)
    assert response.status_code == 200
    counted = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    return response.json(), counted


@pytest.mark.parametrize("resource", ["deliverables", "action-items"])
def test_a_small_list_is_counted_exactly(api, world, officer, resource):
    body, counted = listed(api, officer, f"/api/{resource}/?page_size=1")
    assert counted
    assert body["count"] == type(world.own.rows[resource]).objects.count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimates")
@pytest.mark.parametrize("resource", ["deliverables", "action-items"])
def test_a_long_list_is_not_counted_row_by_row(api, world, officer, monkeypatch, resource):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 0)
    body, counted = listed(api, officer, f"/api/{resource}/?page_size=1")
    assert counted == []
    assert body["count"] >= 1


@pytest.mark.parametrize("resource", ["deliverables", "action-items"])
def test_a_list_on_one_page_is_counted_by_its_rows(api, world, officer, resource):
    with CaptureQueriesContext(connection) as queries:
        body = api(officer).get(f"/api/{resource}/?page_size=1000").json()
    assert not [q for q in queries if q["sql"].startswith(("EXPLAIN", "SELECT COUNT("))]
    assert body["count"] == len(body["results"])
    assert body["count"] == type(world.own.rows[resource]).objects.count()


def test_a_full_first_page_is_counted_as_before(api, world, officer):
    body, counted = listed(api, officer, "/api/deliverables/?page_size=1")
    assert counted and body["count"] > 1 and body["next"]
