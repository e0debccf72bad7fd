"""`__any` finds what `__in` finds, with one parameter for all the ids on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_any_finds_what_in_finds():
    wanted = [OrganisationFactory().pk for _ in range(3)]
    OrganisationFactory()
    ids = [*wanted, wanted[0], None, 10**12]
    assert set(Organisation.objects.filter(pk__any=ids)) == set(
        Organisation.objects.filter(pk__in=ids)
    )
    assert len(Organisation.objects.filter(pk__any=ids)) == 3


def test_no_ids_find_nothing_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(Organisation.objects.filter(pk__any=[])) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's arrays")
def test_the_ids_go_as_one_array():
    OrganisationFactory()
    with CaptureQueriesContext(connection) as queries:
        list(Organisation.objects.filter(pk__any=range(1, 2000)))
    [query] = queries.captured_queries
    assert "= ANY(" in query["sql"] and " IN (" not in query["sql"]
