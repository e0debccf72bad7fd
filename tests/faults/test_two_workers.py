"""A run's batches shared by two workers: each digest goes out once, both workers send, and the
run's counts add up to every digest."""

import uuid
from datetime import date

import pytest
from kombu import Connection

from reminders.models import Digest, ReminderRun
from reminders.services import MIN_BATCH
from tasks.reminders import send_daily_reminders
from tests.processes import celery, service_environment, start, stop, wait_until, worker_args

from .world import people_with_a_deadline

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DAY = date(2018, 11, 23)
PEOPLE = 2 * MIN_BATCH + 5  # three batches


def test_two_workers_share_the_batches_and_send_each_digest_once(tmp_path, redis_server, mail_sink):
    people_with_a_deadline(PEOPLE, day=DAY)
    queue = f"faults-{uuid.uuid4().hex}"
    env = service_environment(tmp_path, REDIS_URL=redis_server.url, EMAIL_URL=mail_sink.url)
    logs = [tmp_path / f"worker-{n}.log" for n in (1, 2)]
    workers = [
        start(celery("worker", *worker_args(queue), "--hostname", f"w{n}@%h"), env, log)
        for n, log in enumerate(logs, 1)
    ]
    try:
        wait_until(
            lambda: all(log.exists() and "ready." in log.read_text() for log in logs),
            timeout=60,
            what="both workers to start",
        )
        with Connection(redis_server.url) as broker:
            send_daily_reminders.apply_async((DAY.isoformat(),), queue=queue, connection=broker)
        wait_until(
            lambda: ReminderRun.objects.filter(finished_at__isnull=False).exists(),
            timeout=120,
            what="the last batch to finish the run",
        )
    finally:
        for worker in workers:
            stop(worker)

    received = mail_sink.counts()
    assert len(received) == PEOPLE and set(received.values()) == {1}
    run = ReminderRun.objects.get()
    assert (run.digests, run.sent, run.failed) == (PEOPLE, PEOPLE, 0)
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == PEOPLE
    for log in logs:
        assert "tasks.reminders.send_digest_batch" in log.read_text(), "a worker sent nothing"
