"""A list's `count`: exact for a small list; past EXACT_COUNT_UP_TO rows, PostgreSQL's estimate,
so a page of 50 does not pay for counting the whole table. On PostgreSQL both are asked in one
round trip (the function count_of_rows)."""

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.test.utils import CaptureQueriesContext

from common import pagination

pytestmark = pytest.mark.django_db


def listed(api, user, url):
    with CaptureQueriesContext(connection) as queries:
        response = api(user).get(url)
    assert response.status_code == 200
    return response.json(), counting(queries)


def counting(queries) -> list[str]:
    return [
        q["sql"] for q in queries if "COUNT(" in q["sql"].upper() or "count_of_rows(" in q["sql"]
    ]


@pytest.mark.parametrize("resource", ["deliverables", "action-items"])
def test_a_small_list_is_counted_exactly(api, world, officer, resource):
    body, counted = listed(api, officer, f"/api/{resource}/?page_size=1")
    assert counted
    assert body["count"] == type(world.own.rows[resource]).objects.count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimates")
@pytest.mark.parametrize("resource", ["deliverables", "action-items"])
def test_a_long_list_says_the_estimate(api, world, officer, monkeypatch, resource):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 0)
    body, counted = listed(api, officer, f"/api/{resource}/?page_size=1")
    assert len(counted) == 1
    rows = type(world.own.rows[resource]).objects.all()  # an officer's list: every row
    assert body["count"] == pagination.planned_rows(rows)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimates")
def test_rows_are_counted_only_up_to_the_limit():
    # 714 rows, which PostgreSQL cannot know before reading them: it guesses a share of 5,000.
    rows = "SELECT n FROM generate_series(1, 5000) AS n WHERE n % 7 = 0"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {rows}")
        planned = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
        assert 10 < planned != 714
        cursor.execute("SELECT count_of_rows(%s, 10), count_of_rows(%s, 10000)", [rows, rows])
        assert cursor.fetchone() == (planned, 714)


def test_distinct_rows_and_chosen_columns_are_counted_as_they_are(world):
    deliverables = type(world.own.rows["deliverables"]).objects.all()
    for rows in (
        deliverables.values("project").distinct(),
        deliverables.values_list("project_id", flat=True).distinct(),
        deliverables.filter(pk__in=[]),
        # Grouped by an annotation only: values() names no column of the table.
        deliverables.annotate(year=ExtractYear("due_date")).values("year").annotate(n=Count("pk")),
        deliverables.annotate(n=Count("contributions")).filter(n__gte=0),
    ):
        assert pagination.count_rows(rows) == rows.count()
