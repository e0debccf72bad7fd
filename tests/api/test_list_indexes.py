"""Each API list is read in the order of an index, so a page of 50 costs the same at 1,000 rows
or 100,000: the database reads the first rows of the index instead of sorting the table."""

import pytest
from django.db import connection

from deliverables.models import Deliverable, Submission, WorkPackage
from meetings.models import ActionItem, Meeting
from partners.models import Organisation, Person
from projects.models import Objective

pytestmark = pytest.mark.django_db

LIST_ORDERS = [
    (Deliverable, ["due_date", "code", "id"]),
    (Submission, ["created_at", "id"]),
    (Meeting, ["start_date", "id"]),
    (ActionItem, ["due_date", "id"]),
    (Organisation, ["name", "id"]),
    (Person, ["last_name", "first_name", "id"]),
    (WorkPackage, ["project_id", "code"]),
    (Objective, ["project_id", "number"]),
]


@pytest.mark.parametrize(("model", "order"), LIST_ORDERS, ids=lambda v: getattr(v, "__name__", ""))
def test_a_list_order_has_its_index(model, order):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexed = [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]
    assert any(columns[: len(order)] == order for columns in indexed), indexed
