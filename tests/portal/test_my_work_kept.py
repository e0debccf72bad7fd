"""My work is kept until something it shows changes. Its key holds the revisions of the projects
it reads from (portal.selectors.projects_behind_my_work), so a partner's page outlives the
changes of the network's other projects, and never a change of one of their own."""

from datetime import timedelta

import pytest
from django.core.paginator import Page
from django.db.models import QuerySet

from common import clock
from deliverables.models import Deliverable
from meetings.models import ActionItem, Meeting
from portal.kept import network_stamp
from portal.selectors import projects_behind_my_work
from portal.views import my_work as my_work_views
from projects.models import Partnership, Project
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawings(monkeypatch):
    """How many times My work was drawn rather than read as kept."""
    drawn = []
    draw = my_work_views.my_work_page

    def counted(*args, **kwargs):
        drawn.append(1)
        return draw(*args, **kwargs)

    monkeypatch.setattr(my_work_views, "my_work_page", counted)
    return drawn


def my_work(client) -> str:
    response = client.get("/my-work/")
    assert response.status_code == 200
    return response.content.decode()


def stamp_of(user) -> tuple:
    return network_stamp(projects_behind_my_work(user))


def a_project_of_my_organisation_i_am_no_contact_in(world):
    """A third project in which the partner's organisation is a partner, through other people."""
    project = ProjectFactory(acronym="THIRD")
    PartnershipFactory(project=project, organisation=world.own.partner_org)
    return project


def test_a_change_in_a_project_the_partner_is_not_in_leaves_their_page_kept(
    signed_in, world, drawings
):
    client = signed_in("partner")
    my_work(client)
    Deliverable.objects.filter(project=world.other.project).update(title="Renamed elsewhere")
    my_work(client)
    assert len(drawings) == 1


def test_a_change_in_the_partners_project_draws_their_page_again(signed_in, world, drawings):
    client = signed_in("partner")
    my_work(client)
    Deliverable.objects.filter(pk=world.own.rows["deliverables"].pk).update(title="Renamed here")
    assert "Renamed here" in my_work(client)
    assert len(drawings) == 2


def test_a_meeting_of_another_project_the_partner_takes_part_in_shows_its_change(signed_in, world):
    client = signed_in("partner")
    partner = world.own.people[1]
    meeting = MeetingFactory(
        project=a_project_of_my_organisation_i_am_no_contact_in(world),
        start_date=clock.today() + timedelta(days=20),
        end_date=clock.today() + timedelta(days=21),
    )
    meeting.participants.add(partner)
    assert meeting.title in my_work(client)
    Meeting.objects.filter(pk=meeting.pk).update(title="Moved to Lisbon")
    assert "Moved to Lisbon" in my_work(client)


def test_an_action_item_the_partner_owns_in_another_project_shows_its_change(signed_in, world):
    client = signed_in("partner")
    partner = world.own.people[1]
    project = a_project_of_my_organisation_i_am_no_contact_in(world)
    item = ActionItemFactory(meeting=MeetingFactory(project=project), owner=partner)
    assert item.description in my_work(client)
    ActionItem.objects.filter(pk=item.pk).update(description="Print the posters")
    assert "Print the posters" in my_work(client)


def test_joining_a_project_changes_the_partners_key(world):
    partner = world.own.people[1]
    before = stamp_of(partner.user)
    joined = PartnershipFactory(project=world.other.project, organisation=world.own.partner_org)
    joined.contacts.add(partner)
    assert stamp_of(partner.user) != before


def test_an_officers_key_follows_every_project(world):
    """Their organisation may lead work anywhere."""
    officer = world.users["officer"]
    before = stamp_of(officer)
    Deliverable.objects.filter(project=world.other.project).update(title="Renamed elsewhere")
    assert stamp_of(officer) != before


def project_of(row) -> int | None:
    """The project a row of My work belongs to; a row of a new kind must say which."""
    if isinstance(row, Deliverable | Meeting):
        return row.project_id
    if isinstance(row, ActionItem):
        return row.meeting.project_id
    raise AssertionError(f"My work shows a {type(row).__name__}: which project is it of?")


def test_every_row_of_my_work_is_of_a_project_its_key_reads(rf):
    """A person who is a partner's contact in one project, the coordinator's in another, takes
    part in a meeting of a third and owns an action item in a fourth (their organisation a
    partner of both, they no contact there): each row My work shows is of a project
    projects_behind_my_work names, else a change of that row would leave the page as kept."""
    person = PersonFactory(user=UserFactory(username="many-hats"))
    mine = person.organisation
    partner_in, coordinator_in, meeting_in, owner_in, elsewhere = (
        ProjectFactory(acronym=name) for name in ("PARTNER", "COORD", "MEET", "OWNER", "ELSE")
    )
    PartnershipFactory(project=partner_in, organisation=mine).contacts.add(person)
    PartnershipFactory(
        project=coordinator_in, organisation=mine, role=Partnership.Role.COORDINATOR
    ).contacts.add(person)
    for project in (meeting_in, owner_in):
        PartnershipFactory(project=project, organisation=mine)  # through other people
        # Led by my organisation where I do not speak for it: not on My work.
        DeliverableFactory(project=project, lead_organisation=mine)
    ahead = {"start_date": clock.today() + timedelta(days=20)}
    ahead["end_date"] = ahead["start_date"] + timedelta(days=1)

    DeliverableFactory(project=partner_in, lead_organisation=mine)
    DeliverableFactory(project=coordinator_in, status=Deliverable.Status.SUBMITTED)
    MeetingFactory(project=coordinator_in, **ahead)
    MeetingFactory(project=meeting_in, **ahead).participants.add(person)
    MeetingFactory(project=None, kind=Meeting.Kind.GOVERNANCE, **ahead).participants.add(person)
    ActionItemFactory(meeting=MeetingFactory(project=owner_in), owner=person)
    DeliverableFactory(project=elsewhere, status=Deliverable.Status.SUBMITTED)
    MeetingFactory(project=elsewhere, **ahead)

    request = rf.get("/my-work/")
    request.user = person.user
    page = my_work_views.my_work_page(request, person)
    shown = {
        name: {project_of(row) for row in rows}
        for name, rows in page.items()
        if isinstance(rows, Page | QuerySet)
    }
    assert all(shown.values()), shown  # each of My work's lists has rows here
    projects = set().union(*shown.values()) - {None}  # the network's revision is in the key
    assert projects == {p.pk for p in (partner_in, coordinator_in, meeting_in, owner_in)}
    behind = Project.objects.filter(pk__in=projects_behind_my_work(person.user))
    behind = set(behind.values_list("pk", flat=True))
    assert projects <= behind
    assert elsewhere.pk not in behind
