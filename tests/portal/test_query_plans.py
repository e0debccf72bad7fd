"""Plans of the access queries on PostgreSQL: the planner's row estimates stay near the rows
found, so a query of a few hundred rows is never costed as one of half the table (which made
PostgreSQL compile My work's query, JIT, for seconds)."""

import pytest
from django.db import connection

from bench.generate import Scale, generate
from common import clock
from portal.selectors import my_deliverables

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


def planned_and_found(queryset) -> tuple[int, int]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0][0]["Plan"]
    return plan["Plan Rows"], plan["Actual Rows"]


@pytest.mark.parametrize("role", ["partner", "officer"])
def test_my_work_is_estimated_near_the_rows_it_finds(role):
    world = generate(Scale(projects=40))
    user = world.partner if role == "partner" else world.officer
    planned, found = planned_and_found(my_deliverables(user, today=clock.today()))
    assert planned <= 10 * max(found, 10), (planned, found)
