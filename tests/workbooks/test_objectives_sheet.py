"""The objectives sheet checked and written at once: the same outcomes and refusals as row by
row, and a status that changes recorded by its service."""

import pytest

from projects.models import Objective, ObjectiveStatusChange
from tests.workbooks.sheets import import_sheets

pytestmark = pytest.mark.django_db


def run(world, lines: list[list], columns=("number", "title", "status"), dry_run=False):
    return import_sheets(world, {"objectives": [columns, *lines]}, dry_run=dry_run)


def test_objectives_are_created_updated_and_left_unchanged(world):
    report = run(world, [[7, "Reach schools", "not_started"], [8, "Train staff", "not_started"]])
    assert report.written and report.sheets["objectives"].created == [2, 3]
    report = run(world, [["07", "Reach rural schools", ""], [8, "Train staff", "not_started"]])
    assert report.sheets["objectives"].updated == [2]
    assert report.sheets["objectives"].unchanged == [3]
    objective = Objective.objects.get(project=world.own.project, number=7)
    assert objective.title == "Reach rural schools"


def test_a_status_that_changes_is_recorded_by_its_service(world):
    run(world, [[7, "Reach schools", "not_started"]])
    report = run(world, [[7, "Reach schools", "at_risk"]])
    assert report.sheets["objectives"].updated == [2]
    objective = Objective.objects.get(project=world.own.project, number=7)
    assert objective.status == "at_risk"
    change = ObjectiveStatusChange.objects.get(objective=objective)
    assert (change.from_status, change.to_status) == ("not_started", "at_risk")


def test_each_refused_row_is_named_with_its_column(world):
    run(world, [[7, "Reach schools", "not_started"]])
    report = run(
        world,
        [
            [7, "Reach schools", "finished"],  # no such status
            [0, "Nothing", "not_started"],  # numbered from 1
            [9, "", "not_started"],  # no title
            [9, "Twice", "not_started"],  # the same number twice
        ],
    )
    refused = {(row, column) for row, column, _message in report.sheets["objectives"].refused}
    assert refused == {(2, "status"), (3, "number"), (4, "title"), (5, "number")}
    assert not report.written
    assert Objective.objects.get(project=world.own.project, number=7).status == "not_started"
    assert not ObjectiveStatusChange.objects.exists()
