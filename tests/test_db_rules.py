import re

import pytest
from django.db import connection

from common.db_rules import RowRule, all_rules, install_rules, installed_triggers

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
