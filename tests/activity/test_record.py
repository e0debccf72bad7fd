"""Recording an event: one row for the project's history, one notice per person told."""

import pytest
from django.db import transaction

from activity.models import Event, Notification
from activity.services import mark_all_read, open_notification, record
from projects import contacts
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def told(event) -> set[str]:
    return set(event.notifications.values_list("recipient__username", flat=True))


def test_an_event_tells_each_person_once_and_never_the_actor(world):
    project = world.own.project
    no_login = PersonFactory(organisation=world.own.partner_org)
    event = record(
        project=project,
        actor=world.users["coordinator"],
        verb=Event.Verb.WORK_PLAN_CHANGED,
        target="WP1 Management",
        link="/projects/1/",
        # A person and their own login, the actor, someone without a login, a queryset.
        notify=[
            world.own.people[1],
            world.users["partner"],
            world.users["coordinator"],
            no_login,
            *contacts.project_contacts(project.pk),
        ],
    )
    assert told(event) == {"partner"}
    assert event.project == project and event.actor == world.users["coordinator"]
    assert event.target == "WP1 Management" and event.details == {}


def test_a_queryset_of_people_or_users_is_told_too(world, officer):
    event = record(
        project=world.own.project.pk,
        actor=None,
        verb=Event.Verb.PROJECT_CHANGED,
        target="the dates",
        notify=contacts.project_contacts(world.own.project.pk),
    )
    assert event.actor is None
    assert told(event) == {"coordinator", "partner"}
    by_users = record(
        project=world.own.project,
        actor=officer,
        verb=Event.Verb.PROJECT_CHANGED,
        target="the dates",
        notify=type(officer).objects.filter(username__in=["officer", "partner"]),
    )
    assert told(by_users) == {"partner"}


def test_an_unknown_verb_is_refused(world):
    with pytest.raises(ValueError, match="Unknown verb"):
        record(project=world.own.project, actor=None, verb="exploded", target="x")
    assert not Event.objects.exists()


def test_the_event_and_its_notices_go_with_the_callers_transaction(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(
            project=world.own.project, actor=None, verb=Event.Verb.APPROVED, target="D1",
            notify=[world.users["partner"]],
        )  # fmt: skip
        raise RuntimeError("the change failed")
    assert not Event.objects.exists() and not Notification.objects.exists()


def test_a_long_label_is_cut_to_fit(world):
    event = record(project=world.own.project, actor=None, verb="approved", target="x" * 400)
    assert len(event.target) == 300


def test_opening_a_notice_marks_it_read_once(world):
    event = record(
        project=world.own.project, actor=None, verb=Event.Verb.APPROVED, target="D1",
        notify=[world.users["partner"], world.users["coordinator"]],
    )  # fmt: skip
    notice = event.notifications.get(recipient=world.users["partner"])
    open_notification(notification=notice)
    first = Notification.objects.get(pk=notice.pk).read_at
    assert first is not None
    open_notification(notification=Notification.objects.get(pk=notice.pk))
    assert Notification.objects.get(pk=notice.pk).read_at == first
    assert mark_all_read(reader=world.users["partner"]) == 0
    assert mark_all_read(reader=world.users["coordinator"]) == 1
    assert not Notification.objects.unread().exists()
