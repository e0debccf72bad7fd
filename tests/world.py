"""A small world for the API and page tests: the user's project (OWN) and one they are not in
(OTHER), each with one row of every resource."""

from dataclasses import dataclass, field
from datetime import date

from outreach.models import DisseminationEntry, Result
from partners.models import Organisation, Person
from projects.models import Partnership, Project
from projects.roles import ensure_officer_group
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
    WorkPackageFactory,
)


@dataclass
class Scope:
    """One project and one row of each resource in it."""

    project: Project
    coordinator_org: Organisation
    partner_org: Organisation | None
    people: list[Person]
    rows: dict = field(default_factory=dict)


@dataclass
class World:
    own: Scope
    other: Scope
    users: dict
    spare_organisation: Organisation

    def scope(self, name: str) -> Scope:
        return self.own if name == "own" else self.other


def contact(organisation, partnership, username):
    user = UserFactory(username=username)
    person = PersonFactory(organisation=organisation, user=user, email=f"{username}@example.org")
    partnership.contacts.add(person)
    return person


def build_scope(acronym: str, prefix: str, with_partner: bool) -> Scope:
    project = ProjectFactory(
        acronym=acronym, start_date=date(2022, 1, 1), end_date=date(2024, 12, 31)
    )
    coordination = PartnershipFactory(project=project, role=Partnership.Role.COORDINATOR)
    people = [contact(coordination.organisation, coordination, f"{prefix}coordinator")]
    partner_org = None
    if with_partner:
        partnership = PartnershipFactory(project=project, role=Partnership.Role.PARTNER)
        partner_org = partnership.organisation
        people.append(contact(partner_org, partnership, f"{prefix}partner"))
    scope = Scope(project, coordination.organisation, partner_org, people)
    lead = partner_org or coordination.organisation
    meeting = MeetingFactory(project=project)
    scope.rows = {
        "projects": project,
        "organisations": lead,
        "people": people[-1],
        "partnerships": Partnership.objects.get(project=project, organisation=lead),
        "objectives": ObjectiveFactory(project=project, number=1),
        "work-packages": WorkPackageFactory(
            project=project, code="WP1", lead_organisation=coordination.organisation
        ),
        "deliverables": DeliverableFactory(
            project=project, code="D1", lead_organisation=lead, due_date=date(2023, 6, 30)
        ),
        "meetings": meeting,
        "action-items": ActionItemFactory(meeting=meeting, owner=people[-1]),
        "dissemination": DisseminationEntry.objects.create(
            project=project,
            organisation=lead,
            title="Article in the regional press",
            date=date(2023, 3, 1),
            channel=DisseminationEntry.Channel.PRESS,
            audience=1200,
        ),
        "results": Result.objects.create(
            project=project,
            organisation=lead,
            title="Guide to digital mediation",
            description="A guide for counsellors.",
            languages=["en", "fr"],
            licence=Result.Licence.CC_BY,
        ),
    }
    return scope


def build_world() -> World:
    own = build_scope("OWN", "", with_partner=True)
    other = build_scope("OTHER", "other-", with_partner=False)
    officer = UserFactory(username="officer", is_staff=True)
    officer.groups.add(ensure_officer_group())
    users = {
        "officer": officer,
        "coordinator": own.people[0].user,
        "partner": own.people[1].user,
        "anonymous": None,
    }
    return World(own, other, users, spare_organisation=OrganisationFactory(name="Spare"))
