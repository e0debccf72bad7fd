"""A worker killed with SIGKILL at each step of a reminder run loses no reminder, and sends
none twice except in the one window the design documents: the one mail handed to the server
whose sending was not yet recorded (common/mailing.py, recover_stale_digests)."""

import sys
import uuid
from datetime import date

import pytest
from django.conf import settings
from kombu import Connection

from reminders.models import Digest, Reminder
from reminders.services import CHUNK
from tasks.reminders import send_daily_reminders
from tests.processes import celery, service_environment, start, stop, wait_until, worker_args

from .world import people_with_a_deadline

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DAY = date(2018, 11, 23)
PEOPLE = 2 * CHUNK + 5  # three chunks: 20, 20 and 5


def message_id(digest_id: int) -> str:
    return f"<digest-{digest_id}@{settings.CALENDAR_UID_DOMAIN}>"


@pytest.mark.parametrize(
    ("step", "n"),
    [
        ("before-claim", 1), ("before-claim", 1),
        ("after-claim", 1), ("after-claim", 1),
        ("after-mail", 1), ("after-mail", 7), ("after-mail", CHUNK + 13),
        ("after-mail", CHUNK), ("after-mail", 2 * CHUNK),  # the last of a chunk
        ("after-marking", 1), ("after-marking", CHUNK + 2),
    ],
)  # fmt: skip
def test_a_killed_worker_loses_nothing_and_doubles_only_the_unrecorded(
    step, n, tmp_path, redis_server, mail_sink
):
    people_with_a_deadline(PEOPLE, day=DAY)
    queue = f"faults-{uuid.uuid4().hex}"
    env = service_environment(
        tmp_path, REDIS_URL=redis_server.url, EMAIL_URL=mail_sink.url, REMINDER_STALE_MINUTES=0
    )
    killable = start(
        [sys.executable, "-m", "tests.faults.killable_worker", step, str(n), *worker_args(queue)],
        env, tmp_path / "killed.log",
    )  # fmt: skip
    with Connection(redis_server.url) as broker:
        send_daily_reminders.apply_async((DAY.isoformat(),), queue=queue, connection=broker)
    try:
        killable.wait(timeout=90)
    finally:
        stop(killable)
    assert killable.returncode == -9, (tmp_path / "killed.log").read_text()[-3000:]
    sent_before = len(mail_sink)
    unrecorded = {
        message_id(pk)
        for pk in Digest.objects.filter(status=Digest.Status.SENDING).values_list("pk", flat=True)
    }

    # The next run (tomorrow's beat, or an officer running it again) finishes the job.
    worker = start(celery("worker", *worker_args(queue)), env, tmp_path / "recovery.log")
    try:
        with Connection(redis_server.url) as broker:
            send_daily_reminders.apply_async((DAY.isoformat(),), queue=queue, connection=broker)
        wait_until(
            lambda: (
                Digest.objects.count() == PEOPLE
                and not Digest.objects.exclude(status=Digest.Status.SENT).exists()
            ),
            timeout=90,
            what="every digest to be sent",
        )
    finally:
        stop(worker)

    received = mail_sink.counts()
    digests = set(Digest.objects.values_list("pk", flat=True))
    assert set(received) == {message_id(pk) for pk in digests}, "a reminder was lost"
    assert not Reminder.objects.filter(digest__isnull=True).exists()
    doubled = {key for key, times in received.items() if times > 1}
    assert doubled <= unrecorded
    assert max(received.values()) <= 2
    if step == "after-mail":
        # The mail in flight when the worker died, and only that one, went out again.
        assert len(doubled) == 1 and sent_before == n
    else:
        assert doubled == set()
