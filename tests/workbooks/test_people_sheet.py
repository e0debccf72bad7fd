"""The people sheet checked and written at once: the same outcomes and refusals as row by row,
people found by e-mail whatever its case, else by name at their organisation."""

import pytest

from partners.models import Person
from tests.workbooks.sheets import import_sheets
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db

COLUMNS = ["email", "first_name", "last_name", "job_title", "organisation"]


def run(world, lines: list[list], dry_run=False):
    return import_sheets(world, {"people": [COLUMNS, *lines]}, dry_run=dry_run)


def test_people_are_created_updated_and_left_unchanged(world):
    home = organisation_key(world.own.coordinator_org)
    report = run(
        world,
        [["ana@example.org", "Ana", "Łukasik", "", home], ["", "Jonas", "Köhler", "", home]],
    )
    assert report.written and report.sheets["people"].created == [2, 3]
    report = run(
        world,
        [
            ["ANA@example.org", "Ana", "Łukasik", "Trainer", home],  # found whatever the case
            ["", "Jonas", "Köhler", "", home],  # no e-mail: found by name at his organisation
        ],
    )
    assert report.sheets["people"].updated == [2]
    assert report.sheets["people"].unchanged == [3]
    assert Person.objects.get(email__iexact="ana@example.org").job_title == "Trainer"
    assert Person.objects.filter(last_name="Köhler").count() == 1


def test_each_refused_row_is_named_with_its_column(world):
    home = organisation_key(world.own.coordinator_org)
    report = run(
        world,
        [
            ["not an address", "Ana", "Łukasik", "", home],
            ["jonas@example.org", "Jonas", "Köhler", "", "Nowhere (FR)"],
            ["eva@example.org", "", "Šimková", "", home],
            ["eva@example.org", "Eva", "Šimková", "", home],
        ],
    )
    refused = {(row, column) for row, column, _message in report.sheets["people"].refused}
    assert refused == {(2, "email"), (3, "organisation"), (4, "first_name"), (5, "email")}
    assert not report.written and not Person.objects.filter(last_name="Šimková").exists()


def test_one_address_in_two_cases_is_taken_row_by_row_as_one_person(world):
    home = organisation_key(world.own.coordinator_org)
    report = run(
        world,
        [
            ["eva@example.org", "Eva", "Šimková", "", home],
            ["EVA@example.org", "Eva", "Šimková", "", home],
        ],
    )
    assert report.written, report.sheets["people"].refused
    assert Person.objects.filter(email__iexact="eva@example.org").count() == 1
