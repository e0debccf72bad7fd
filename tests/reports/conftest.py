from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from deliverables.models import Deliverable, Submission
from grants.models import Heading
from grants.services import save_headings_budget
from meetings.models import Guest, Meeting, Participation
from projects.models import Project
from tests.factories import DeliverableFactory, MeetingFactory, paid_by_headings

TODAY = date(2023, 9, 1)


@pytest.fixture
def pack_world(world):
    """OWN as a 2014–2020 project with a budget, an approved deliverable with its link, a late
    one whose title starts like a formula, and a multiplier event in Torino that two outside
    people and a partner's person attended."""
    own = world.own
    project = paid_by_headings(own.project)
    Project.objects.filter(pk=project.pk).update(
        eu_grant=Decimal("30000.00"), interim_report_due=date(2023, 6, 30)
    )
    project.refresh_from_db()
    approved = own.rows["deliverables"]
    approved.work_package = own.rows["work-packages"]
    approved.title = "Guide for counsellors"
    approved.status = Deliverable.Status.APPROVED
    approved.approved_at = timezone.make_aware(timezone.datetime(2023, 5, 20, 10))
    approved.save()
    Submission.objects.create(deliverable=approved, link="https://example.org/guide")
    DeliverableFactory(
        project=project,
        work_package=own.rows["work-packages"],
        code="D2",
        title="=HYPERLINK(1)",
        lead_organisation=own.coordinator_org,
        due_date=date(2023, 8, 1),
    )
    DeliverableFactory(
        project=project, code="D9", title="Final toolkit", lead_organisation=own.coordinator_org,
        due_date=date(2024, 6, 30),
    )  # fmt: skip
    event = MeetingFactory(
        project=project,
        kind=Meeting.Kind.MULTIPLIER,
        title="Multiplier event in Torino",
        start_date=date(2023, 5, 10),
        end_date=date(2023, 5, 10),
        agenda="Welcome",
    )
    Participation.objects.create(meeting=event, person=own.people[1], attended=True)
    for name, organisation, country in [
        ("Luca Rossi", "Comune di Torino", "IT"),
        ("Anna Weber", "Stadt Köln", "DE"),
    ]:
        Guest.objects.create(
            meeting=event,
            name=name,
            organisation_name=organisation,
            country=country,
            attended=True,
            email=f"{name.split()[0].lower()}@example.org",
            email_consent=True,
        )
    save_headings_budget(
        user=world.users["officer"],
        project_id=project.pk,
        amounts={
            (Heading.MANAGEMENT, own.coordinator_org.pk): Decimal("10000.00"),
            (Heading.OUTPUTS, own.partner_org.pk): Decimal("15000.50"),
            (Heading.MULTIPLIER, own.coordinator_org.pk): Decimal("4999.50"),
        },
    )
    return world
