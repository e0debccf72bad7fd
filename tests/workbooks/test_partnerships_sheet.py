"""The partnerships sheet checked and written at once: the same outcomes and refusals as row
by row, contacts added and taken away, and a second coordinator refused in the constraint's
words."""

import pytest

from projects.models import Partnership
from tests.factories import OrganisationFactory
from tests.workbooks.sheets import import_sheets
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db


def run(world, lines: list[list], dry_run=False):
    header = ["organisation", "role", "contacts"]
    return import_sheets(world, {"partnerships": [header, *lines]}, dry_run=dry_run)


def test_partners_and_their_contacts_are_added_changed_and_left_unchanged(world):
    own = world.own
    joining = organisation_key(OrganisationFactory(name="Città Formazione", country="IT"))
    home = organisation_key(own.coordinator_org)
    [coordinator, partner] = [person.email for person in own.people]
    report = run(
        world, [[home, "coordinator", f"{coordinator}; {partner}"], [joining, "partner", ""]]
    )
    assert report.written, report.sheets["partnerships"].refused
    assert report.sheets["partnerships"].updated == [2]  # a contact added
    assert report.sheets["partnerships"].created == [3]
    stored = Partnership.objects.get(project=own.project, organisation=own.coordinator_org)
    assert {p.email for p in stored.contacts.all()} == {coordinator, partner}
    report = run(world, [[home, "coordinator", partner.upper()], [joining, "partner", ""]])
    assert report.sheets["partnerships"].updated == [2]  # one taken away
    assert report.sheets["partnerships"].unchanged == [3]
    assert [p.email for p in stored.contacts.all()] == [partner]


def test_each_refused_row_is_named_with_its_column(world):
    home = organisation_key(world.own.coordinator_org)
    report = run(
        world,
        [
            [home, "sponsor", ""],  # no such role
            ["Nowhere (FR)", "partner", ""],
            [organisation_key(world.spare_organisation), "partner", "nobody@example.org"],
        ],
    )
    refused = {(row, column) for row, column, _message in report.sheets["partnerships"].refused}
    assert refused == {(2, "role"), (3, "organisation"), (4, "contacts")}
    assert not report.written


def test_a_second_coordinator_is_refused_in_the_constraints_words(world):
    report = run(world, [[organisation_key(world.spare_organisation), "coordinator", ""]])
    [(row, _column, message)] = report.sheets["partnerships"].refused
    assert row == 2 and "already has a coordinator" in message
    assert not report.written
