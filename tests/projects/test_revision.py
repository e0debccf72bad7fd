"""A project's revision changes with every row its pages show, whatever writes the row
(projects/db_rules.py, common.touches): the key its cached pages are kept under."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.db_rules import all_rules
from common.db_views import all_views
from common.touches import Touch
from deliverables.models import Deliverable, Submission
from grants.models import Heading, UnitCostRate
from meetings.models import ActionItem, Meeting
from newsletters.models import NewsletterIssue
from partners.models import Organisation, Person
from projects.models import NetworkRevision, Objective, ObjectiveStatusChange, Project
from tests.factories import MeetingFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

# Tables a kept page reads that hold nothing its key does not already name: the session, whether
# the reader is an officer (asked on every visit, part of the key), and the header's notices
# (outside the kept part).
NOT_THE_PROJECTS = {
    "django_session",
    "auth_group",
    "auth_user_groups",
    "activity_notification",
}


def revision(project) -> int:
    return Project.objects.values_list("revision", flat=True).get(pk=project.pk)


def revisions(world) -> tuple[int, int]:
    return revision(world.own.project), revision(world.other.project)


def everything(world) -> tuple[int, int, int]:
    return *revisions(world), NetworkRevision.current()


def own_partner(world) -> Person:
    return world.own.people[1]


CHANGES_OF_THE_OWN_PROJECT = {
    "a deliverable renamed in bulk": lambda world: Deliverable.objects.filter(
        project=world.own.project
    ).update(title="Renamed"),
    "a deliverable deleted": lambda world: world.own.rows["deliverables"].delete(),
    "a submission handed in": lambda world: Submission.objects.create(
        deliverable=world.own.rows["deliverables"],
        submitted_by=own_partner(world).user,
        link="https://example.org/d1.pdf",
    ),
    "a contact added": lambda world: world.own.rows["partnerships"].contacts.add(
        world.own.people[0]
    ),
    "a contact removed": lambda world: world.own.rows["partnerships"].contacts.clear(),
    "an action item closed": lambda world: ActionItem.objects.filter(
        meeting__project=world.own.project
    ).update(status=ActionItem.Status.DONE),
    "an objective's status recorded": lambda world: ObjectiveStatusChange.objects.create(
        objective=world.own.rows["objectives"],
        from_status=Objective.Status.NOT_STARTED,
        to_status=Objective.Status.IN_PROGRESS,
        changed_at=timezone.now(),
    ),
    "its partner organisation renamed": lambda world: Organisation.objects.filter(
        pk=world.own.partner_org.pk
    ).update(name="Renamed organisation"),
    "the project's own row saved": lambda world: Project.objects.get(
        pk=world.own.project.pk
    ).save(),
}


@pytest.mark.parametrize("change", CHANGES_OF_THE_OWN_PROJECT)
def test_a_change_of_a_projects_rows_gives_it_a_new_revision_and_no_other(world, change):
    own, other = revisions(world)
    CHANGES_OF_THE_OWN_PROJECT[change](world)
    assert revision(world.own.project) > own
    assert revision(world.other.project) == other


CHANGES_OF_EVERY_PROJECT = {
    "a person renamed": lambda world: Person.objects.filter(pk=own_partner(world).pk).update(
        last_name="Renamed"
    ),
    "a contact record given to an account, whose name it then shows": lambda world: PersonFactory(
        organisation=world.own.coordinator_org, user=UserFactory()
    ),
    "a newsletter issue drafted": lambda world: draft_issue(),
    "an account renamed": lambda world: (
        get_user_model().objects.filter(pk=world.users["officer"].pk).update(first_name="Renamed")
    ),
    "an action item of a network meeting": lambda world: ActionItem.objects.create(
        meeting=MeetingFactory(project=None, kind=Meeting.Kind.GOVERNANCE),
        description="Draft the network's annual report",
        owner=own_partner(world),
        due_date=date(2023, 5, 31),
    ),
    "a unit cost added": lambda world: UnitCostRate.objects.create(
        heading=Heading.MEETINGS,
        programme_year=2020,
        distance_band=UnitCostRate.DistanceBand.KM_100_1999,
        unit=UnitCostRate.Unit.PARTICIPANT,
        amount=Decimal("575.00"),
    ),
}


def draft_issue() -> NewsletterIssue:
    return NewsletterIssue.objects.create(
        period_start=date(2023, 3, 1), period_end=date(2023, 3, 31), language="en",
        generated_content="# March\n",
    )  # fmt: skip


def test_a_newsletter_issues_text_or_sending_leaves_the_revisions_alone(world):
    """Only the dashboard shows issues, by period, language and status."""
    issue = draft_issue()
    before = everything(world)
    NewsletterIssue.objects.filter(pk=issue.pk).update(edited_content="# March, edited\n")
    assert everything(world) == before


@pytest.mark.parametrize("change", CHANGES_OF_EVERY_PROJECT)
def test_what_any_page_may_show_gives_the_network_a_new_revision_and_no_project(world, change):
    own, other, network = everything(world)
    CHANGES_OF_EVERY_PROJECT[change](world)
    assert NetworkRevision.current() > network
    assert revisions(world) == (own, other)


def test_a_network_meeting_deleted_gives_the_network_a_new_revision(world):
    meeting = MeetingFactory(project=None, kind=Meeting.Kind.GOVERNANCE)
    network = NetworkRevision.current()
    meeting.delete()
    assert NetworkRevision.current() > network


UNSHOWN_CHANGES = {
    "a sign-in (last_login)": lambda world: (
        get_user_model()
        .objects.filter(pk=world.users["partner"].pk)
        .update(last_login=timezone.now())
    ),
    "a person's e-mail address": lambda world: Person.objects.filter(
        pk=own_partner(world).pk
    ).update(email="new-address@example.org"),
    "a person saved unchanged": lambda world: Person.objects.get(pk=own_partner(world).pk).save(),
}


@pytest.mark.parametrize("change", UNSHOWN_CHANGES)
def test_what_no_page_shows_leaves_the_revisions_alone(world, change):
    before = everything(world)
    UNSHOWN_CHANGES[change](world)
    assert everything(world) == before


def test_a_revision_never_goes_back_whatever_a_writer_sends(world):
    project = Project.objects.get(pk=world.own.project.pk)  # loaded at this revision
    Deliverable.objects.filter(project=project).update(title="Renamed")
    after_the_change = revision(project)
    project.save()  # writes back the revision it loaded, which is older
    assert revision(project) > after_the_change
    Project.objects.filter(pk=project.pk).update(revision=0)
    assert revision(project) > after_the_change


def test_a_new_project_starts_at_a_revision_later_than_any_before(world):
    newest = max(revisions(world))
    project = Project.objects.create(
        acronym="NEW", title="New", action="KA220-VET", start_date=date(2025, 1, 1),
        end_date=date(2026, 12, 31),
    )  # fmt: skip
    assert revision(project) > newest


def touched_tables() -> set[str]:
    return {rule.table for rule in all_rules() if isinstance(rule, Touch)}


def tables_behind(names: set[str]) -> set[str]:
    """The tables named, a view (common.db_views) standing for the tables it reads."""
    reads = {view.name: view.reads for view in all_views()}
    tables, views = set(), set(names)
    while views:
        name = views.pop()
        if name in reads:
            views |= set(reads[name])
        else:
            tables.add(name)
    return tables


@pytest.mark.parametrize("username", ["officer", "coordinator", "partner"])
def test_every_table_a_kept_page_reads_gives_a_project_a_new_revision(demo, username):
    """A table read by a kept page (portal/kept.py) and not touched would leave the page showing
    what it held before a change. The demo's COCADE has a budget, evidence, meetings and
    history; the network has its own meetings and newsletter issues."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    project = Project.objects.filter(partnerships__contacts__user__username=username).first()
    project = project or Project.objects.get(acronym="COCADE")
    pages = [f"/projects/{project.pk}/", "/my-work/"]
    pages += ["/dashboard/"] if username == "officer" else []
    with CaptureQueriesContext(connection) as queries:
        for page in pages:
            assert client.get(page).status_code == 200
    named = {t for q in queries for t in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"])}
    read = tables_behind(named)
    assert read - NOT_THE_PROJECTS - touched_tables() == set()
    assert "grants_budget" in read or username == "partner"
