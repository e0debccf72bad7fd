"""The work packages sheet checked and written at once: the same outcomes and refusals as row
by row, and the deliverables of the same workbook checked against the packages it adds, in a
preview too."""

import pytest
from django.db import IntegrityError

from deliverables.models import Deliverable, WorkPackage
from tests.workbooks.sheets import import_sheets
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db

PACKAGE_COLUMNS = ["code", "title", "lead_organisation", "start_month", "end_month"]
DELIVERABLE_COLUMNS = ["code", "title", "kind", "work_package", "lead_organisation", "due_date"]


def run(world, packages: list[list], deliverables=(), dry_run=False):
    sheets = {"work packages": [PACKAGE_COLUMNS, *packages]}
    if deliverables:
        sheets["deliverables"] = [DELIVERABLE_COLUMNS, *deliverables]
    return import_sheets(world, sheets, dry_run=dry_run)


def test_packages_are_created_updated_and_left_unchanged(world):
    lead = organisation_key(world.own.coordinator_org)
    report = run(world, [["WP7", "Pilots", lead, 1, 6], ["WP8", "Training", lead, 2, 4]])
    assert report.written and report.sheets["work packages"].created == [2, 3]
    report = run(world, [["WP7", "Pilots in schools", lead, 1, 6], ["WP8", "Training", lead, 2, 4]])
    assert report.sheets["work packages"].updated == [2]
    assert report.sheets["work packages"].unchanged == [3]
    package = WorkPackage.objects.get(project=world.own.project, code="WP7")
    assert package.title == "Pilots in schools" and package.period_label == "M1–M6"


def test_each_refused_row_is_named_with_its_column(world):
    lead = organisation_key(world.own.coordinator_org)
    stranger = organisation_key(world.spare_organisation)
    report = run(
        world,
        [
            ["WP7", "Pilots", stranger, 1, 6],  # no partner of the project
            ["WP8", "Training", lead, 3, None],  # a first month without a last
            ["WP9", "Events", lead, 1, 999],  # past the project's end
            ["WP9", "Events again", lead, 1, 2],  # the same code twice
        ],
    )
    refused = {(row, column) for row, column, _message in report.sheets["work packages"].refused}
    assert refused == {(2, "lead_organisation"), (3, "end_month"), (4, "end_month"), (5, "code")}
    assert not report.written
    assert not WorkPackage.objects.filter(project=world.own.project, code__in=["WP7", "WP8"])


def test_a_preview_checks_deliverables_against_the_packages_the_workbook_adds(world):
    lead = organisation_key(world.own.coordinator_org)
    stranger = organisation_key(world.spare_organisation)
    report = run(
        world,
        [["WP7", "Pilots", lead, 1, 6], ["WP8", "Training", stranger, 1, 6]],
        deliverables=[["D7.1", "Pilot report", "guide", "WP7", lead, "2023-06-30"]],
        dry_run=True,
    )
    # The package refused leaves the other one for the deliverable to find.
    assert [row for row, *_ in report.sheets["work packages"].refused] == [3]
    assert report.sheets["deliverables"].created == [2] and not report.written
    assert not WorkPackage.objects.filter(code="WP7").exists()
    assert not Deliverable.objects.filter(code="D7.1").exists()


def test_when_the_database_refuses_the_sheet_is_taken_row_by_row(world, monkeypatch):
    def refused(*args, **kwargs):
        raise IntegrityError("a concurrent change")

    monkeypatch.setattr(WorkPackage.objects, "bulk_create", refused)
    lead = organisation_key(world.own.coordinator_org)
    report = run(world, [["WP7", "Pilots", lead, 1, 6]])
    assert report.written and report.sheets["work packages"].created == [2]
    assert WorkPackage.objects.get(code="WP7").title == "Pilots"
