"""The "sent" marks (common/claims.SentMarks): each is committed while the next message is built,
and still no message leaves before the one before it is recorded."""

import signal
from datetime import date

import psycopg
import pytest
from billiard.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import ProgrammingError, connection
from psycopg import pq

from common import databases
from common.claims import FAILED, PENDING, SENDING, SENT, SKIPPED, SentMarks
from common.databases import current_database_url
from common.mailing import NOTHING_TO_SEND
from meetings.models import ActionItem, Meeting
from newsletters.models import Delivery
from partners.models import Invitation
from reminders import services
from reminders.models import Digest
from reminders.rows import action_item_rows
from reminders.services import run_reminders, send_batch
from tests.factories import ActionItemFactory
from tests.faults.world import people_with_a_deadline

DAY = date(2018, 11, 23)


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("marks are sent without waiting on PostgreSQL only")


class RecordedBeforeEachSend(EmailBackend):
    """Notes, as each message is handed over, whether the worker's connection still waits for a
    statement's answer, and how many digests another connection sees sent."""

    seen: list[tuple[bool, int]] = []

    def send_messages(self, messages):
        waiting = connection.connection.pgconn.transaction_status == pq.TransactionStatus.ACTIVE
        with psycopg.connect(current_database_url(), autocommit=True) as other:
            sent = other.execute("SELECT count(*) FROM reminders_digest WHERE status = 'sent'")
            RecordedBeforeEachSend.seen.append((waiting, sent.fetchone()[0]))
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_no_message_leaves_before_the_one_before_it_is_recorded(settings):
    needs_postgresql()
    settings.EMAIL_BACKEND = "tests.reminders.test_marks.RecordedBeforeEachSend"
    RecordedBeforeEachSend.seen = []
    people_with_a_deadline(5, day=DAY)
    assert run_reminders(day=DAY).run.sent == 5
    # No mark in flight, and every mark before committed, seen from elsewhere (as a worker
    # recovering stale digests would see them).
    assert RecordedBeforeEachSend.seen == [(False, n) for n in range(5)]
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == 5


@pytest.mark.django_db(transaction=True)
def test_a_statement_while_a_mark_is_in_flight_waits_for_it():
    needs_postgresql()
    people_with_a_deadline(1, day=DAY)
    run_reminders(day=DAY)
    digest = Digest.objects.get()
    Digest.objects.update(status=Digest.Status.SENDING, sent_at=None)
    with SentMarks(Digest._meta.db_table) as marks:
        marks.record(digest.pk)
        assert marks.in_flight is not None
        # A builder's query or a failure recorded: the connection is the mark's until answered.
        assert Digest.objects.get().status == Digest.Status.SENT
        assert marks.in_flight is None
    digest.refresh_from_db()
    assert digest.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_failed_mark_fails_every_later_settle_even_if_its_error_was_caught():
    needs_postgresql()
    with pytest.raises(ProgrammingError, match="no_such_table"), SentMarks("no_such_table") as m:
        m.record(1)
        with pytest.raises(ProgrammingError):  # surfaced in a builder's query, which catches it
            Digest.objects.count()
        m.settle()  # before the next message: it does not leave
    assert Digest.objects.count() == 0  # the connection is usable afterwards


@pytest.mark.django_db(transaction=True)
def test_a_wait_interrupted_by_a_time_limit_leaves_the_connection_usable():
    needs_postgresql()
    people_with_a_deadline(1, day=DAY)
    run_reminders(day=DAY)
    pk = Digest.objects.get().pk

    def time_limit(*_):
        raise TimeoutError("the task's soft time limit")

    with psycopg.connect(current_database_url()) as other_worker:
        other_worker.execute("SELECT 1 FROM reminders_digest WHERE id = %s FOR UPDATE", [pk])
        previous = signal.signal(signal.SIGALRM, time_limit)
        try:
            with pytest.raises(TimeoutError), SentMarks("reminders_digest") as marks:
                marks.record(pk)  # waits for the other worker's lock on the server
                signal.setitimer(signal.ITIMER_REAL, 0.3)
                marks.settle()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        other_worker.rollback()
    try:
        # The busy session was closed: the next statement opens another.
        assert Digest.objects.count() == 1
    finally:
        connection.close()  # a failure here must not leave later tests a busy session


@pytest.mark.django_db
def test_a_message_that_cannot_be_written_fails_its_row_and_the_others_go_out(monkeypatch):
    people_with_a_deadline(3, day=DAY)
    build, built = services.build_message, []

    def second_raises(digest, reminders, items):
        built.append(digest.pk)
        if len(built) == 2:
            raise RuntimeError("a template's bug")
        return build(digest, reminders, items)

    monkeypatch.setattr(services, "build_message", second_raises)
    report = run_reminders(day=DAY)
    assert (report.run.sent, report.run.failed) == (2, 1)
    failed = Digest.objects.get(pk=built[1])
    assert (failed.status, failed.last_error) == ("failed", "RuntimeError: a template's bug")
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_an_interrupt_just_after_a_mark_is_sent_leaves_the_connection_usable(monkeypatch):
    needs_postgresql()
    people_with_a_deadline(1, day=DAY)
    run_reminders(day=DAY)
    pk = Digest.objects.get().pk
    send = databases.StatementInFlight.send

    def interrupted(self):  # a signal's handler raising on the line after the sending
        send(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(databases.StatementInFlight, "send", interrupted)
    try:
        with pytest.raises(KeyboardInterrupt), SentMarks("reminders_digest") as marks:
            marks.record(pk)
        assert Digest.objects.count() == 1
    finally:
        connection.close()


@pytest.mark.django_db
def test_a_task_out_of_time_while_a_mail_is_handed_over_leaves_it_in_doubt(scripted, team):
    scripted.failures = {team.lead.email: SoftTimeLimitExceeded()}
    with pytest.raises(SoftTimeLimitExceeded):
        run_reminders(day=DAY)
    # Not failed for good: "sending", it goes out again once stale, with the same Message-ID.
    assert Digest.objects.get(recipient=team.lead).status == Digest.Status.SENDING


@pytest.mark.django_db
def test_an_action_item_whose_meeting_went_between_the_two_reads_is_left_out():
    item = ActionItemFactory()
    deleted = []

    def delete_the_meeting_first(execute, sql, params, many, context):
        if sql.startswith('SELECT "meetings_meeting"') and not deleted:
            deleted.append(item.meeting_id)
            Meeting.objects.filter(pk=item.meeting_id).delete()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(delete_the_meeting_first):
        rows = action_item_rows(ActionItem.objects.filter(pk__any={item.pk}))
    assert deleted and rows == {}


@pytest.mark.django_db
def test_a_digest_whose_items_closed_before_it_was_sent_is_skipped(
    django_capture_on_commit_callbacks, monkeypatch, team
):
    queued = []
    monkeypatch.setattr(
        "tasks.reminders.send_digest_batch.apply_async",
        lambda args, **options: queued.append(args),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(day=DAY, in_batches=True)
    team.deliverable.delete()  # between the run's claims and its batch
    [(run_id, ids)] = queued
    assert send_batch(run_id=run_id, digest_ids=ids) == {"sent": 0, "failed": 0}
    assert mail.outbox == []
    digest = Digest.objects.get()
    assert (digest.status, digest.last_error) == (Digest.Status.SKIPPED, NOTHING_TO_SEND)


def test_every_family_of_claimed_rows_takes_the_statuses_the_sender_writes():
    def statuses(model):
        return {value for value, _ in model._meta.get_field("status").choices}

    for model in (Digest, Delivery, Invitation):
        assert {PENDING, SENDING, SENT, FAILED} <= statuses(model), model
    assert SKIPPED in statuses(Digest)  # the one family whose builder may find nothing to send
