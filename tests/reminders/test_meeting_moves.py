"""A meeting that moves: no reminder for its old date, an announcement of the new one."""

from datetime import date

import pytest
from django.core import mail

from meetings.services import update_meeting
from partners.models import Person
from projects.roles import ensure_officer_group
from reminders.claims import claim_all
from reminders.models import Reminder
from reminders.services import run_reminders
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    user = UserFactory(username="officer")
    user.groups.add(ensure_officer_group())
    return user


def mails_to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def test_who_was_told_of_the_old_date_hears_of_the_new_one_once(team, officer):
    meeting = MeetingFactory(project=team.project, title="Final conference", city="Brussels",
                             start_date=date(2019, 1, 24), end_date=date(2019, 1, 24))  # fmt: skip
    run_reminders(day=date(2019, 1, 10))
    assert "Final conference" in mails_to(team.lead)[0].body
    mail.outbox.clear()

    update_meeting(meeting=meeting, changed_by=officer, start_date=date(2019, 2, 7),
                   end_date=date(2019, 2, 7))  # fmt: skip
    run_reminders(day=date(2019, 1, 11))
    [message] = mails_to(team.lead)
    assert "Final conference" in message.body
    assert "7 février 2019" in message.body  # she reads French
    assert "déplacé" in message.body or "moved" in message.body
    mail.outbox.clear()
    run_reminders(day=date(2019, 1, 12))
    assert not any("Final conference" in m.body for m in mails_to(team.lead))


def test_a_reminder_not_yet_sent_for_the_old_date_is_dropped(team, officer):
    Person.objects.filter(pk=team.lead.pk).update(reminder_frequency=Person.Frequency.WEEKLY)
    meeting = MeetingFactory(project=team.project, start_date=date(2019, 1, 24),
                             end_date=date(2019, 1, 24))  # fmt: skip
    run_reminders(day=date(2019, 1, 10))  # a Thursday: her weekly digest waits for Monday
    waiting = Reminder.objects.filter(recipient=team.lead, kind=Reminder.Kind.MEETING)
    assert [r.item_date for r in waiting] == [date(2019, 1, 24)]

    update_meeting(meeting=meeting, changed_by=officer, start_date=date(2019, 2, 21),
                   end_date=date(2019, 2, 21))  # fmt: skip
    claim_all(date(2019, 1, 11), meeting.updated_at)
    assert not waiting.filter(item_date=date(2019, 1, 24)).exists()
    assert not waiting.filter(window="moved").exists()  # she was never told of the old date


def test_a_month_to_be_confirmed_is_reminded_as_a_month(team, officer):
    meeting = MeetingFactory(project=team.project, title="Training in Paris",
                             start_date=date(2019, 1, 24), end_date=date(2019, 1, 25))  # fmt: skip
    update_meeting(meeting=meeting, changed_by=officer, dates_confirmed=False,
                   start_date=date(2019, 1, 24))  # fmt: skip
    meeting.refresh_from_db()
    assert (meeting.start_date, meeting.end_date) == (date(2019, 1, 1), date(2019, 1, 1))
    run_reminders(day=date(2018, 12, 20))
    body = mails_to(team.coordinator)[0].body
    assert "January 2019 (dates to be confirmed)" in body
    assert "1 January 2019" not in body
