"""The views of common.db_views: made by migrate, made again after it, and honest about the
tables they read (the kept pages' touches are checked against those tables)."""

import re

import pytest
from django.db import connection

from common.db_views import all_views, drop_views, install_views

pytestmark = pytest.mark.django_db


def views_in_database() -> set[str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_list(cursor)
    return {table.name for table in described if table.type == "v"}


def test_migrate_made_every_view():
    assert {view.name for view in all_views()} <= views_in_database()


def test_each_view_names_every_table_it_reads():
    for view in all_views():
        named = set(re.findall(r"(?:FROM|JOIN)\s+(\w+)", view.select))
        assert named == set(view.reads), view.name


def test_views_dropped_and_made_again_read_as_before():
    drop_views(connection)
    assert not {view.name for view in all_views()} & views_in_database()
    install_views(connection)
    assert {view.name for view in all_views()} <= views_in_database()
