"""Each page runs the same number of queries whatever the number of rows it shows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deliverables.models import Contribution, Submission
from grants.services import save_headings_budget
from newsletters.models import NewsletterIssue
from projects.models import ObjectiveStatusChange, Partnership
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    ObjectiveFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    WorkPackageFactory,
    paid_by_headings,
)

pytestmark = pytest.mark.django_db


def grow(world, size: int) -> None:
    """Add `size` of every row to the user's project, and `size` more projects elsewhere."""
    today = timezone.localdate()
    project = world.own.project
    project.end_date = today + timedelta(days=365)
    project.save()
    partner, coordinator = world.own.partner_org, world.own.coordinator_org
    person = world.own.people[1]
    for n in range(size):
        package = WorkPackageFactory(project=project, lead_organisation=partner)
        ObjectiveFactory(project=project)
        led = DeliverableFactory(
            project=project, work_package=package, lead_organisation=partner,
            due_date=today + timedelta(days=n % 20 - 5),
        )  # fmt: skip
        helped = DeliverableFactory(project=project, lead_organisation=coordinator)
        Contribution.objects.create(deliverable=helped, organisation=partner)
        meeting = MeetingFactory(
            project=project, start_date=today + timedelta(days=n + 1),
            end_date=today + timedelta(days=n + 2),
        )  # fmt: skip
        ActionItemFactory(meeting=meeting, owner=person, due_date=today - timedelta(days=n))
        ActionItemFactory(meeting=meeting, owner=person, due_date=today + timedelta(days=n))
        assert led.pk
        partnership = PartnershipFactory(project=project)
        partnership.contacts.add(PersonFactory(organisation=partnership.organisation))
        ObjectiveStatusChange.objects.create(
            objective=ObjectiveFactory(project=project), from_status="not_started",
            to_status="in_progress", comment=f"Change {n}",
        )  # fmt: skip
        Submission.objects.create(
            deliverable=world.own.rows["deliverables"], link=f"https://example.org/{n}"
        )
        year = 2000 + NewsletterIssue.objects.count()
        NewsletterIssue.objects.create(
            period_start=date(year, 1, 1), period_end=date(year, 1, 31), language="en",
            generated_content="# News\n",
        )  # fmt: skip
        elsewhere = ProjectFactory(end_date=today + timedelta(days=365))
        PartnershipFactory(project=elsewhere, organisation=coordinator)
        ObjectiveFactory(project=elsewhere)
        DeliverableFactory(project=elsewhere, lead_organisation=coordinator, due_date=today)
    plan_budget(world, project)


def plan_budget(world, project) -> None:
    """A budget with an amount for every partner under two headings: its figures on the pages
    grow with the rows too."""
    paid_by_headings(project)
    partners = Partnership.objects.filter(project=project).values_list("organisation", flat=True)
    amounts = {
        (heading, organisation): Decimal("100.00")
        for heading in ("outputs", "meetings")
        for organisation in partners
    }
    project.eu_grant = sum(amounts.values())
    project.save()
    save_headings_budget(user=world.users["officer"], project_id=project.pk, amounts=amounts)


def count_queries(client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(queries)


PAGES = {
    "partner": [
        "/my-work/", "/projects/", "/projects/{own}/", "/projects/{own}/?late=on",
        "/deliverables/{deliverable}/submit/", "/projects/{own}/budget/",
    ],
    "officer": [
        "/dashboard/", "/projects/", "/projects/{own}/", "/dashboard/projects/{own}/objectives/",
        "/projects/{own}/budget/",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("role", "url"), [(role, url) for role, urls in PAGES.items() for url in urls]
)
def test_the_query_count_does_not_grow_with_the_rows(signed_in, world, role, url):
    client = signed_in(role)
    url = url.format(own=world.own.project.pk, deliverable=world.own.rows["deliverables"].pk)
    grow(world, 1)
    small = count_queries(client, url)
    grow(world, 12)
    large = count_queries(client, url)
    assert small == large
