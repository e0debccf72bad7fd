"""The deliverables sheet checked and written at once: the same outcomes as row by row,
contributors added and taken away, and the row-by-row path when the database refuses."""

from io import BytesIO

import pytest
from django.db import IntegrityError

from deliverables.models import Deliverable
from workbooks.importing import import_workbook
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db


def run(world, lines: list[str], dry_run=False):
    header = "code,title,kind,lead_organisation,contributors,due_date"
    return import_workbook(
        path=BytesIO("\n".join([header, *lines]).encode()),
        name="d.csv",
        reference=world.own.project.reference_number,
        dry_run=dry_run,
    )


def test_contributors_are_added_and_taken_away(world):
    lead = organisation_key(world.own.coordinator_org)
    partner = organisation_key(world.own.partner_org)
    both = f"{lead}; {partner}; {partner}"  # a name given twice counts once
    assert run(world, [f"D9.1,Guide,guide,{lead},{both},2023-06-30"]).written
    deliverable = Deliverable.objects.get(code="D9.1")
    assert set(deliverable.contributors.all()) == {
        world.own.coordinator_org,
        world.own.partner_org,
    }
    report = run(world, [f"D9.1,Guide,guide,{lead},{partner},2023-06-30"])
    assert report.sheets["deliverables"].updated == [2]
    assert list(deliverable.contributors.all()) == [world.own.partner_org]
    again = run(world, [f"D9.1,Guide,guide,{lead},{partner},2023-06-30"])
    assert again.sheets["deliverables"].unchanged == [2]


def test_a_contributor_who_is_no_partner_is_refused(world):
    lead = organisation_key(world.own.coordinator_org)
    spare = organisation_key(world.spare_organisation)
    report = run(world, [f"D9.1,Guide,guide,{lead},{spare},2023-06-30"])
    [(row, column, _message)] = report.sheets["deliverables"].refused
    assert (row, column) == (2, "contributors"), _message
    assert not Deliverable.objects.filter(code="D9.1").exists()


def test_when_the_database_refuses_the_sheet_is_taken_row_by_row(world, monkeypatch):
    def refused(*args, **kwargs):
        raise IntegrityError("a concurrent change")

    monkeypatch.setattr(Deliverable.objects, "bulk_create", refused)
    lead = organisation_key(world.own.coordinator_org)
    report = run(world, [f"D9.1,Guide,guide,{lead},,2023-06-30"])
    assert report.written and report.sheets["deliverables"].created == [2]
    assert Deliverable.objects.get(code="D9.1").title == "Guide"
