"""The run in batches: any worker takes any batch, each digest goes once, the run's counts add
up, and the queries do not grow with the number of people beyond one mark per mail."""

import math
import re
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.celery import app
from projects.models import Project
from reminders.models import Digest, ReminderRun
from reminders.services import CHUNK, batch_size, run_reminders, send_batch
from tests.faults.world import people_with_a_deadline

pytestmark = pytest.mark.django_db
DAY = date(2018, 11, 23)
# The conditional UPDATE that claims a chunk, and the one that records each mail as sent.
PER_MAIL = re.compile(r"UPDATE \"?reminders_digest\"? SET \"?status\"? = '(sending|sent)'")


@pytest.fixture
def eager():
    """No broker, no worker: tasks run where they are queued, as with CELERY_TASK_ALWAYS_EAGER."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_without_a_worker_the_batches_run_in_place_and_count_on_the_run(
    eager, django_capture_on_commit_callbacks
):
    people_with_a_deadline(7, day=DAY)
    with django_capture_on_commit_callbacks(execute=True):
        report = run_reminders(day=DAY, in_batches=True)
    run = ReminderRun.objects.get(pk=report.run.pk)
    assert (run.digests, run.sent, run.failed) == (7, 7, 0)
    assert run.finished_at is not None
    assert len(mail.outbox) == 7
    assert set(Digest.objects.values_list("status", flat=True)) == {Digest.Status.SENT}


def test_a_run_with_nothing_to_send_is_finished_at_once(eager):
    report = run_reminders(day=DAY, in_batches=True)
    assert ReminderRun.objects.get(pk=report.run.pk).finished_at is not None


def test_a_batch_taken_twice_sends_nothing_twice(django_capture_on_commit_callbacks, monkeypatch):
    people_with_a_deadline(3, day=DAY)
    queued = []
    monkeypatch.setattr(
        "tasks.reminders.send_digest_batch.apply_async",
        lambda args, **options: queued.append(args),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = run_reminders(day=DAY, in_batches=True)
    [(run_id, ids)] = queued
    assert send_batch(run_id=run_id, digest_ids=ids) == {"sent": 3, "failed": 0}
    assert send_batch(run_id=run_id, digest_ids=ids) == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 3
    assert ReminderRun.objects.get(pk=report.run.pk).sent == 3


def test_a_later_runs_batch_that_sends_an_earlier_runs_digests_finishes_that_run(
    django_capture_on_commit_callbacks, monkeypatch
):
    """Two beats by mistake: the second run takes the first's pending digests too. Whichever
    batch sends the last of a run's digests says that run finished."""
    people_with_a_deadline(3, day=DAY)
    queued = []
    monkeypatch.setattr(
        "tasks.reminders.send_digest_batch.apply_async",
        lambda args, **options: queued.append(args),
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders(day=DAY, in_batches=True)
        second = run_reminders(day=DAY, in_batches=True)
    [(first_run, first_ids), (second_run, second_ids)] = queued
    assert first_ids == second_ids  # the second run took the first's digests
    # The first run's batch comes while the second's is sending them, and finds nothing to do.
    Digest.objects.filter(pk__in=first_ids).update(status=Digest.Status.SENDING)
    assert send_batch(run_id=first_run, digest_ids=first_ids) == {"sent": 0, "failed": 0}
    assert ReminderRun.objects.get(pk=first.run.pk).finished_at is None
    Digest.objects.filter(pk__in=first_ids).update(status=Digest.Status.PENDING)
    assert send_batch(run_id=second_run, digest_ids=second_ids) == {"sent": 3, "failed": 0}
    finished = ReminderRun.objects.filter(pk__in=[first.run.pk, second.run.pk])
    assert all(run.finished_at for run in finished)
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("in_batches", [False, True])
def test_queries_do_not_grow_with_the_people_beyond_a_mark_per_mail(
    in_batches, eager, django_capture_on_commit_callbacks
):
    def run_for(people: int, day: date) -> list[str]:
        # The last world's projects are over: only this world's people get mail.
        Project.objects.update(status=Project.Status.FINAL_REPORT_SUBMITTED)
        people_with_a_deadline(people, day=day)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            run_reminders(day=day, in_batches=in_batches)
        statements = [q["sql"] for q in queries.captured_queries]
        per_mail = [sql for sql in statements if PER_MAIL.match(sql)]
        sent = len(mail.outbox)
        mail.outbox.clear()
        # One claim per chunk, one "sent" per mail: what makes each mail go out once.
        assert sent >= people and len(per_mail) == sent + math.ceil(sent / CHUNK)
        return [sql for sql in statements if not PER_MAIL.match(sql)]

    few = run_for(3, DAY)
    many = run_for(CHUNK + 7, date(2019, 11, 22))
    assert len(many) == len(few)


def test_a_large_run_is_cut_into_32_batches_a_small_one_into_batches_of_50_none_over_200():
    # Each batch costs a task, its queries and its rendering; 32 let as many workers share.
    assert [batch_size(n) for n in (1, 105, 1_600, 1_601, 6_400)] == [50, 50, 50, 51, 200]
    assert math.ceil(6_400 / batch_size(6_400)) == 32
    assert batch_size(50_000) == 200  # within a task's time limit on a slow mail server
