"""The views of common.db_views: made by migrate, made again after it, and honest about the
tables they read (the kept pages' touches are checked against those tables)."""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import pre_migrate

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


def test_a_view_the_database_refuses_is_left_out_and_the_others_made(monkeypatch, caplog):
    """A migration taken back removes a column a view reads: migrate still ends."""
    from common import db_views

    broken = db_views.View("broken_view", "SELECT no_such_column FROM auth_user", ("auth_user",))
    monkeypatch.setattr(db_views, "all_views", lambda: [broken, *all_views()])
    install_views(connection)
    if connection.vendor == "postgresql":  # SQLite makes a view without reading its columns
        assert "broken_view" not in views_in_database()
        assert "broken_view was not made" in caplog.text
    assert {view.name for view in all_views()} <= views_in_database()
    monkeypatch.undo()
    install_views(connection)


def test_a_dump_holds_no_rows_of_a_view(world):
    """loaddata could not write them back."""
    dump = io.StringIO()
    call_command("dumpdata", "meetings", stdout=dump)
    models = {row["model"] for row in json.loads(dump.getvalue())}
    assert "meetings.meeting" in models
    assert "meetings.meetingcounts" not in models


def test_migrate_with_nothing_to_apply_leaves_the_views_readable():
    """Readers of the counts go on while a migrate with nothing to do runs: the views are
    dropped before migrating only when a migration is planned."""
    from meetings.models import MeetingCounts

    announce_migrate(plan=[])
    assert {view.name for view in all_views()} <= views_in_database()

    call_command("migrate", verbosity=0)
    assert MeetingCounts.objects.count() >= 0  # the view is there
    assert {view.name for view in all_views()} <= views_in_database()


def test_a_planned_migration_drops_the_views_until_it_is_done():
    announce_migrate(plan=[(object(), False)])  # a migration, forwards
    assert not {view.name for view in all_views()} & views_in_database()
    call_command("migrate", verbosity=0)
    assert {view.name for view in all_views()} <= views_in_database()


def announce_migrate(plan):
    """What `migrate` tells the common app before it runs `plan`."""
    common = apps.get_app_config("common")
    pre_migrate.send(
        sender=common,
        app_config=common,
        verbosity=0,
        interactive=False,
        using=connection.alias,
        apps=apps,
        plan=plan,
    )
