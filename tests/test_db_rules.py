import re

import pytest
from django.db import connection

from common import db_rules
from common.db_rules import RowRule, all_rules, install_rules, installed_triggers
from common.touches import NetworkTouch
from projects.models import NetworkRevision, Project

pytestmark = pytest.mark.django_db


def expected_triggers():
    """(trigger, table) of each trigger that the rules and touches of every app create."""
    return {
        (name, rule.table)
        for rule in all_rules()
        for statement in rule.create_statements(connection.vendor)
        for name in re.findall(r"CREATE TRIGGER (\w+)", statement)
    }


def test_every_rule_of_every_app_is_installed_after_migrate():
    assert sum(isinstance(rule, RowRule) for rule in all_rules()) == 14
    assert set(installed_triggers(connection)) == expected_triggers()


def test_installing_again_replaces_the_rules_without_duplicating_them():
    install_rules(connection)
    install_rules(connection)
    assert set(installed_triggers(connection)) == expected_triggers()


def test_installing_gives_every_project_a_new_revision(world):
    """Writes made while `migrate` had the triggers away touched nothing."""
    before = Project.objects.get(pk=world.own.project.pk).revision
    install_rules(connection)
    assert Project.objects.get(pk=world.own.project.pk).revision > before


def test_a_touch_is_not_installed_without_the_revision_it_writes(monkeypatch):
    """A migration taken back removes the column: the triggers must not outlive it."""
    orphan = NetworkTouch("auth_user", columns=("first_name",))
    monkeypatch.setattr(NetworkTouch, "needs", (("projects_project", "no_such_column"),))
    monkeypatch.setattr(db_rules, "all_rules", lambda: [orphan])
    install_rules(connection)
    assert installed_triggers(connection) == []


def test_installing_makes_the_networks_row_again(db):
    """`flush` empties every table, then installs the rules."""
    NetworkRevision.objects.all().delete()
    install_rules(connection)
    assert NetworkRevision.objects.filter(pk=1).exists()
