"""Every list costs the same queries whatever the number of rows (session auth included)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from outreach.models import DisseminationEntry, Result
from projects.models import Partnership
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    ObjectiveFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    WorkPackageFactory,
)

BUDGET = 6


def add_partner_with_contact(project):
    partnership = PartnershipFactory(project=project)
    partnership.contacts.add(PersonFactory(organisation=partnership.organisation))
    return partnership


def grow(world, resource, n):
    """Add n rows of `resource` that the partner and the coordinator of the OWN project may see."""
    project = world.own.project
    partner = world.users["partner"].person
    coordinator = world.users["coordinator"].person
    for i in range(n):
        if resource == "projects":
            extra = ProjectFactory()
            for person in (partner, coordinator):
                PartnershipFactory(project=extra, organisation=person.organisation).contacts.add(
                    person
                )
        elif resource in ("organisations", "people", "partnerships"):
            add_partner_with_contact(project)
        elif resource == "objectives":
            ObjectiveFactory(project=project, number=project.objectives.count() + 1)
        elif resource == "work-packages":
            WorkPackageFactory(project=project, lead_organisation=world.own.coordinator_org)
        elif resource == "deliverables":
            deliverable = DeliverableFactory(
                project=project, lead_organisation=world.own.partner_org, due_date=date(2023, 1, 1)
            )
            deliverable.contributors.add(world.own.coordinator_org)
        elif resource == "meetings":
            MeetingFactory(project=project).participants.add(partner)
        elif resource == "action-items":
            ActionItemFactory(meeting=world.own.rows["meetings"], owner=partner)
        elif resource == "submissions":
            deliverable = world.own.rows["deliverables"]
            deliverable.submissions.create(
                link=f"https://example.org/{i}", submitted_by=partner.user
            )
        elif resource == "dissemination":
            DisseminationEntry.objects.create(
                project=project, organisation=world.own.partner_org, title=f"Post {i}",
                date=date(2023, 1, 1), channel="social_media", audience=i,
            )  # fmt: skip
        elif resource == "results":
            Result.objects.create(
                project=project, organisation=world.own.partner_org, title=f"Result {i}",
                description="…", languages=["en"], licence="cc_by_4",
            )  # fmt: skip


RESOURCES = [
    "projects", "organisations", "people", "partnerships", "objectives", "work-packages",
    "deliverables", "submissions", "meetings", "action-items", "dissemination", "results",
]  # fmt: skip


def list_queries(user, resource) -> tuple[int, int]:
    client = APIClient()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/{resource}/?page_size=200")
    assert response.status_code == 200, response.content
    return len(queries), response.json()["count"]


@pytest.mark.parametrize("role", ["partner", "coordinator", "officer"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_a_list_costs_the_same_queries_for_few_and_many_rows(world, resource, role):
    user = world.users[role]
    grow(world, resource, 1)
    few, few_rows = list_queries(user, resource)
    grow(world, resource, 30)
    many, many_rows = list_queries(user, resource)
    assert many_rows >= few_rows + 30
    assert few == many, f"{resource}: {few} queries for {few_rows} rows, {many} for {many_rows}"
    assert many <= BUDGET


def test_the_partnership_list_needs_no_query_per_contact(world):
    project = world.own.project
    for _ in range(5):
        add_partner_with_contact(project)
    for partnership in Partnership.objects.filter(project=project):
        partnership.contacts.add(PersonFactory(organisation=partnership.organisation))
    count, _ = list_queries(world.users["partner"], "partnerships")
    assert count <= BUDGET


def test_the_partnership_list_gives_each_partnerships_own_contacts(world, api):
    project = world.own.project
    for _ in range(3):
        add_partner_with_contact(project)
    listed = api(world.users["officer"]).get(f"/api/partnerships/?project={project.pk}").json()
    for row in listed["results"]:
        stored = Partnership.objects.get(pk=row["id"]).contacts.order_by("pk")
        assert row["contacts"] == [person.pk for person in stored]
    assert any(row["contacts"] for row in listed["results"])


def test_a_partnership_without_contacts_is_listed_with_none(world, api):
    lone = PartnershipFactory(project=world.own.project)
    listed = api(world.users["officer"]).get(f"/api/partnerships/?project={lone.project_id}")
    assert next(r for r in listed.json()["results"] if r["id"] == lone.pk)["contacts"] == []


def test_on_postgresql_the_contacts_come_with_the_partnerships(world):
    """common.serializers.with_linked_ids: an array per row, not a query of the link table."""
    if connection.vendor != "postgresql":
        pytest.skip("elsewhere the contacts are read by a query of their own")
    add_partner_with_contact(world.own.project)
    client = APIClient()
    client.force_login(world.users["officer"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/partnerships/").status_code == 200
    link_table = Partnership.contacts.through._meta.db_table
    assert not [q for q in queries if q["sql"].startswith(f'SELECT "{link_table}".')]


def test_the_deliverables_list_says_exactly_what_each_deliverable_says(world, api):
    from deliverables.models import Deliverable
    from deliverables.services import approve_deliverable, submit_deliverable

    approved = world.own.rows["deliverables"]
    approved.contributors.add(world.own.coordinator_org)
    submit_deliverable(
        deliverable=approved, submitted_by=world.users["partner"], link="https://example.org/a"
    )
    approve_deliverable(deliverable=approved, approved_by=world.users["coordinator"])
    grow(world, "deliverables", 3)

    officer = api(world.users["officer"])
    listed = officer.get("/api/deliverables/?page_size=100").json()["results"]
    assert len(listed) == Deliverable.objects.count()
    for row in listed:
        assert row == officer.get(f"/api/deliverables/{row['id']}/").json()


def test_a_projects_budget_costs_the_same_queries_for_few_and_many_rows(world, officer):
    from decimal import Decimal

    from grants.services import save_headings_budget
    from tests.factories import paid_by_headings

    project = paid_by_headings(world.own.project)
    client = APIClient()
    client.force_login(world.users["partner"])

    def budget_queries():
        partners = Partnership.objects.filter(project=project).values_list(
            "organisation_id", flat=True
        )
        amounts = {("outputs", organisation): Decimal("1000") for organisation in partners}
        project.eu_grant = sum(amounts.values())
        project.save()
        save_headings_budget(user=officer, project_id=project.pk, amounts=amounts)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/projects/{project.pk}/budget/")
        assert response.status_code == 200, response.content
        return len(queries)

    few = budget_queries()
    grow(world, "deliverables", 10)
    grow(world, "meetings", 10)
    grow(world, "partnerships", 5)
    many = budget_queries()
    assert few == many
    assert many <= BUDGET + 2


def test_the_meetings_list_gives_each_meetings_own_participants_and_attendees(world, api):
    """On PostgreSQL the invitations come with the meetings (meetings.serializers.
    with_invitations), elsewhere by a query of their own; both say what is stored."""
    from meetings.models import Participation

    meeting, lone = world.own.rows["meetings"], MeetingFactory(project=world.own.project)
    for n, person in enumerate(world.own.people[:3]):
        Participation.objects.create(meeting=meeting, person=person, attended=n != 1)
    client = APIClient()
    client.force_login(world.users["officer"])
    with CaptureQueriesContext(connection) as queries:
        listed = client.get("/api/meetings/?page_size=1000").json()["results"]
    rows = {row["id"]: row for row in listed}
    for row in listed:
        stored = Participation.objects.filter(meeting=row["id"]).order_by("person_id")
        assert row["participants"] == [p.person_id for p in stored]
        assert row["attendees"] == [p.person_id for p in stored if p.attended]
    assert rows[lone.pk]["participants"] == rows[lone.pk]["attendees"] == []
    assert len(rows[meeting.pk]["participants"]) == len(world.own.people[:3]) >= 2
    assert rows[meeting.pk]["attendees"]
    table = Participation._meta.db_table
    apart = [q for q in queries if q["sql"].startswith(f'SELECT "{table}".')]
    assert len(apart) == (0 if connection.vendor == "postgresql" else 1)
