"""The reminder run as people receive it: who gets what, when, in which language, once."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliverables.models import Deliverable
from reminders.models import Digest, Reminder
from reminders.services import run_reminders
from tests.factories import DeliverableFactory, MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def mails_to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2018, 10, 31), "dans 30 jours"),
        (date(2018, 11, 23), "dans 7 jours"),
        (date(2018, 11, 29), "dans 1 jour"),
        (date(2018, 11, 30), "aujourd’hui"),
        (date(2018, 12, 1), "1 jour de retard"),
        (date(2018, 12, 8), "8 jours de retard"),
    ],
)
def test_the_lead_contact_is_reminded_in_every_window(team, day, words):
    run_reminders(day=day)
    [message] = mails_to(team.lead)
    assert "Vademecum" in message.body
    assert words in message.body


def test_no_reminder_between_windows(team):
    run_reminders(day=date(2018, 11, 10))  # before-30 was due on 31 October: catch-up sends it
    run_reminders(day=date(2018, 11, 11))
    assert len(mails_to(team.lead)) == 1


def test_late_items_also_go_to_the_coordinator(team):
    run_reminders(day=date(2018, 11, 29))
    assert mails_to(team.coordinator) == []
    run_reminders(day=date(2018, 12, 1))
    [message] = mails_to(team.coordinator)
    assert "late; sent to you as coordinator" in message.body


def test_overdue_reminders_repeat_weekly_until_submitted(team):
    for day in range(1, 16):
        run_reminders(day=date(2018, 12, day))
    assert len(mails_to(team.lead)) == 3  # 1, 8 and 15 December
    Deliverable.objects.filter(pk=team.deliverable.pk).update(status="submitted")
    run_reminders(day=date(2018, 12, 22))
    assert len(mails_to(team.lead)) == 3


def test_a_second_run_the_same_day_sends_nothing(team):
    first = run_reminders(day=date(2018, 11, 23))
    second = run_reminders(day=date(2018, 11, 23))
    assert first.run.sent == 1
    assert (second.run.claimed, second.run.sent, len(second.outcomes)) == (0, 0, 0)
    assert len(mail.outbox) == 1


def test_after_missed_days_only_the_latest_window_goes_out(team):
    # No run from 30 days before to the day before: one mail, for the 1-day window.
    run_reminders(day=date(2018, 11, 29))
    [message] = mails_to(team.lead)
    assert "dans 1 jour" in message.body
    assert list(Reminder.objects.values_list("window", flat=True)) == ["before-1"]


def test_a_dry_run_records_and_sends_nothing(team):
    report = run_reminders(day=date(2018, 11, 23), dry_run=True)
    assert [o.digest.recipient.pk for o in report.outcomes] == [team.lead.pk]
    assert mail.outbox == []
    assert not Reminder.objects.exists() and not Digest.objects.exists()
    assert run_reminders(day=date(2018, 11, 23)).run.sent == 1


def test_one_mail_per_person_grouped_by_project_and_ordered_by_date(team):
    other = ProjectFactory(acronym="DIMESCA", start_date=date(2018, 9, 1),
                           end_date=date(2020, 8, 31))  # fmt: skip
    partnership = other.partnerships.create(organisation=team.lead.organisation)
    partnership.contacts.add(team.lead)
    DeliverableFactory(project=other, code="IO1.1", lead_organisation=team.lead.organisation,
                       due_date=date(2018, 11, 24))  # fmt: skip
    DeliverableFactory(project=team.project, code="IO3", lead_organisation=team.lead.organisation,
                       due_date=date(2018, 11, 24))  # fmt: skip
    run_reminders(day=date(2018, 11, 23))
    [message] = mails_to(team.lead)
    body = message.body
    assert body.index("COCADE") < body.index("IO3") < body.index("IO2") < body.index("DIMESCA")
    assert body.index("DIMESCA") < body.index("IO1.1")
    assert "3 échéances" in message.subject


def test_each_person_reads_their_language_and_unknown_ones_fall_back_to_english(team):
    team.coordinator.preferred_language = "lt"
    team.coordinator.save()
    run_reminders(day=date(2018, 12, 1))
    assert "Bonjour Élodie" in mails_to(team.lead)[0].body
    assert "1 décembre 2018" in mails_to(team.lead)[0].body
    coordinator_mail = mails_to(team.coordinator)[0]
    assert "Hello Julien" in coordinator_mail.body
    assert "1 December 2018" in coordinator_mail.body
    html = coordinator_mail.alternatives[0]
    assert html[1] == "text/html" and "Vademecum" in html[0]


def test_a_german_contact_reads_a_german_digest(team):
    team.lead.preferred_language = "de"
    team.lead.save()
    run_reminders(day=date(2018, 11, 23))
    [message] = mails_to(team.lead)
    assert message.subject == "Erinnerung: 1 Frist oder Treffen"
    assert message.body.startswith("Guten Tag Élodie,")
    assert "23. November 2018" in message.body and "in 7 Tagen" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and '<html lang="de">' in html
    assert "Diese Erinnerungen wöchentlich oder gar nicht mehr erhalten" in html


def test_someone_who_never_chose_a_language_gets_english_mail(team):
    team.lead.preferred_language = ""
    team.lead.save()
    run_reminders(day=date(2018, 11, 23))
    assert mails_to(team.lead)[0].body.startswith("Hello Élodie,")


def test_people_who_turned_reminders_off_get_none(team):
    team.lead.reminder_frequency = "off"
    team.lead.save()
    run_reminders(day=date(2018, 11, 23))
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_weekly_readers_get_everything_on_monday(team):
    team.lead.reminder_frequency = "weekly"
    team.lead.save()
    run_reminders(day=date(2018, 11, 23))  # a Friday
    run_reminders(day=date(2018, 11, 24))
    assert mail.outbox == []
    run_reminders(day=date(2018, 11, 26))  # Monday
    [message] = mails_to(team.lead)
    assert message.body.count("Vademecum") == 1


def test_a_weekly_reader_who_turns_reminders_off_is_sent_nothing_that_waited(team):
    team.lead.reminder_frequency = "weekly"
    team.lead.save()
    run_reminders(day=date(2018, 11, 23))  # a Friday: the lead's reminders wait for Monday
    team.lead.reminder_frequency = "off"
    team.lead.save()
    run_reminders(day=date(2018, 11, 24))
    run_reminders(day=date(2018, 11, 26))  # Monday
    assert mails_to(team.lead) == []


def test_waiting_reminders_are_taken_on_their_own_row_condition(team):
    """Two runs at once: the second must find a reminder the first took and committed no
    longer waiting. PostgreSQL checks the UPDATE's own WHERE again on such a row, not the
    conditions of an `id IN (SELECT …)`, which a join in the filter would make Django write."""
    with CaptureQueriesContext(connection) as queries:
        run_reminders(day=date(2018, 11, 24))  # a Saturday: weekly readers held back
    taking = [
        q["sql"] for q in queries
        if q["sql"].startswith(f'UPDATE "{Reminder._meta.db_table}"')
    ]  # fmt: skip
    assert taking
    for statement in taking:
        assert f'"{Reminder._meta.db_table}"."id" IN (SELECT' not in statement


def rewritten_reminders() -> int:
    """Reminder rows updated, as PostgreSQL counts them: its count so far in the transaction,
    which may still hold the last tests' until the server is told (hence a difference)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = %s",
            [Reminder._meta.db_table],
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own row counts")
def test_a_reminder_is_written_once_into_its_digest_a_weekly_readers_once_more(team):
    team.coordinator.reminder_frequency = "weekly"
    team.coordinator.save()
    DeliverableFactory(project=team.project, lead_organisation=team.deliverable.lead_organisation,
                       due_date=date(2018, 12, 5))  # fmt: skip
    before = rewritten_reminders()
    # A Saturday: the lead hears of both deliverables, the coordinator of the late one.
    run_reminders(day=date(2018, 12, 1))
    assert [m.to for m in mail.outbox] == [[team.lead.email]]
    assert rewritten_reminders() - before == 1  # the coordinator's, taken out to wait
    mail.outbox.clear()
    run_reminders(day=date(2018, 12, 3))  # Monday: nothing new, the coordinator's goes out
    assert [m.to for m in mail.outbox] == [[team.coordinator.email]]
    assert rewritten_reminders() - before == 2


def test_meetings_come_with_a_calendar_file_whose_uid_is_stable(team):
    meeting = MeetingFactory(project=team.project, title="Final conference", city="Brussels",
                             start_date=date(2019, 1, 24), end_date=date(2019, 1, 24))  # fmt: skip
    run_reminders(day=date(2019, 1, 10))  # 14 days before
    message = mails_to(team.lead)[0]
    [(name, content, mimetype)] = message.attachments
    assert name == "meetings.ics" and mimetype.startswith("text/calendar")
    from icalendar import Calendar

    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["uid"]) == f"meeting-{meeting.pk}@erasmus-tracker.example.org"
    assert event["dtstart"].dt == date(2019, 1, 24)
    assert "Brussels" in str(event["location"])
    mail.outbox.clear()
    run_reminders(day=date(2019, 1, 22))  # 2 days before: the same UID again
    again = Calendar.from_ical(mails_to(team.lead)[0].attachments[0][1]).walk("VEVENT")[0]
    assert str(again["uid"]) == str(event["uid"])


def test_reporting_deadlines_go_to_the_coordinator(team):
    team.project.interim_report_due = date(2018, 6, 30)
    team.project.save()
    run_reminders(day=date(2018, 6, 23))
    [message] = mails_to(team.coordinator)
    assert "Interim report" in message.body
    run_reminders(day=date(2019, 4, 29))  # 60 days after the end of February
    assert "Final report" in mails_to(team.coordinator)[-1].body


def test_action_items_are_reminded_to_their_owner(team):
    from tests.factories import ActionItemFactory

    meeting = MeetingFactory(project=team.project, start_date=date(2018, 9, 13),
                             end_date=date(2018, 9, 14))  # fmt: skip
    ActionItemFactory(meeting=meeting, owner=team.coordinator, description="Send the minutes",
                      due_date=date(2018, 10, 1))  # fmt: skip
    run_reminders(day=date(2018, 9, 30))
    assert "Send the minutes" in mails_to(team.coordinator)[0].body


def test_officers_can_ask_for_copies_of_their_projects(team):
    from tests.factories import PersonFactory, UserFactory

    officer = PersonFactory(user=UserFactory(), wants_reminder_copies=True)
    team.project.officer = officer.user
    team.project.save()
    run_reminders(day=date(2018, 11, 23))
    [copy] = mails_to(officer)
    assert "copy for the project officer" in copy.body
