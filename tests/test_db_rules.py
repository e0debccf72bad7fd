import pytest
from django.db import connection

from common.db_rules import all_rules, install_rules, installed_triggers

pytestmark = pytest.mark.django_db


def expected_triggers():
    per_rule = ["{}"] if connection.vendor == "postgresql" else ["{}_insert", "{}_update"]
    return {(name.format(rule.trigger), rule.table) for rule in all_rules() for name in per_rule}


def test_every_rule_of_every_app_is_installed_after_migrate():
    assert len(all_rules()) == 14
    assert set(installed_triggers(connection)) == expected_triggers()


def test_installing_again_replaces_the_rules_without_duplicating_them():
    install_rules(connection)
    install_rules(connection)
    assert set(installed_triggers(connection)) == expected_triggers()
