"""Two beat processes by mistake, each ticking every second, with two workers: every person
still gets exactly one reminder e-mail."""

import sys
import time
import uuid

import pytest
from django.utils import timezone

from reminders.models import Digest, ReminderRun
from tests.processes import celery, service_environment, start, stop, wait_until, worker_args

from .world import people_with_a_deadline

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PEOPLE = 30
TICKS = 6


def test_two_beats_send_no_mail_twice(tmp_path, redis_server, mail_sink):
    people_with_a_deadline(PEOPLE, day=timezone.localdate())
    queue = f"faults-{uuid.uuid4().hex}"
    env = service_environment(tmp_path, REDIS_URL=redis_server.url, EMAIL_URL=mail_sink.url)
    processes = [
        start(celery("worker", *worker_args(queue), "--hostname", f"w{n}@%h"), env,
              tmp_path / f"worker-{n}.log")
        for n in (1, 2)
    ] + [
        start([sys.executable, "-m", "tests.faults.fast_beat", queue, str(tmp_path / f"beat-{n}")],
              env, tmp_path / f"beat-{n}.log")
        for n in (1, 2)
    ]  # fmt: skip
    try:
        wait_until(lambda: ReminderRun.objects.count() >= 2, timeout=60, what="the first runs")
        time.sleep(TICKS)
        for beat in processes[2:]:
            stop(beat)
        wait_until(
            lambda: not ReminderRun.objects.filter(finished_at__isnull=True).exists(),
            timeout=60,
            what="the queued runs to finish",
        )
    finally:
        for process in processes:
            stop(process)

    runs = ReminderRun.objects.count()
    # Two beats over TICKS seconds send about 2 * TICKS runs; a loaded machine sends fewer.
    assert runs >= TICKS, f"only {runs} runs: the beats did not tick several times"
    received = mail_sink.counts()
    assert len(received) == PEOPLE
    assert set(received.values()) == {1}
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == PEOPLE
