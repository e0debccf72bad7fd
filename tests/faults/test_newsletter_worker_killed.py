"""A worker killed with SIGKILL at each step of a newsletter sending loses no reader and sends
no reader two different e-mails. The one mail a kill can leave in doubt, handed to the server
but not yet recorded (common/mailing.py), goes again with the same Message-ID: at most one per
kill, and none when the kill falls anywhere else."""

import sys
import uuid
from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone
from kombu import Connection

from newsletters.models import Delivery, NewsletterIssue, Subscriber
from newsletters.sending import CHUNK, publish_issue
from tasks.newsletters import send_newsletter
from tests.processes import celery, service_environment, start, stop, wait_until, worker_args

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

READERS = 2 * CHUNK + 5  # three chunks: 20, 20 and 5


def message_id(delivery_id: int) -> str:
    return f"<newsletter-{delivery_id}@{settings.CALENDAR_UID_DOMAIN}>"


def published_issue(monkeypatch) -> NewsletterIssue:
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", language="en", confirmed_at=timezone.now())
        for n in range(READERS)
    )
    issue = NewsletterIssue.objects.create(
        period_start=date(2018, 9, 1), period_end=date(2018, 10, 31), language="en",
        generated_content="# News\n\nThe network's autumn.", status="approved",
    )  # fmt: skip
    with monkeypatch.context() as patch:
        # The test hands the task to its own worker below, on its own broker.
        patch.setattr(send_newsletter, "apply_async", lambda *args, **options: None)
        assert publish_issue(issue=issue) == READERS
    return issue


def send(issue: NewsletterIssue, queue: str, broker_url: str) -> None:
    with Connection(broker_url) as broker:
        send_newsletter.apply_async((issue.pk,), queue=queue, connection=broker)


@pytest.mark.parametrize(
    ("step", "n"),
    [
        ("before-claim", 1),
        ("after-claim", 1),
        ("after-mail", 1), ("after-mail", 7), ("after-mail", CHUNK), ("after-mail", CHUNK + 13),
        ("after-marking", 1), ("after-marking", CHUNK + 2),
    ],
)  # fmt: skip
def test_a_killed_worker_loses_no_reader_and_doubles_at_most_the_mail_in_flight(
    step, n, tmp_path, redis_server, mail_sink, monkeypatch
):
    issue = published_issue(monkeypatch)
    queue = f"faults-{uuid.uuid4().hex}"
    env = service_environment(
        tmp_path, REDIS_URL=redis_server.url, EMAIL_URL=mail_sink.url, NEWSLETTER_STALE_MINUTES=0
    )
    killable = start(
        [sys.executable, "-m", "tests.faults.killable_worker", step, str(n), *worker_args(queue)],
        env, tmp_path / "killed.log",
    )  # fmt: skip
    send(issue, queue, redis_server.url)
    try:
        killable.wait(timeout=90)
    finally:
        stop(killable)
    assert killable.returncode == -9, (tmp_path / "killed.log").read_text()[-3000:]
    sent_before = len(mail_sink)
    unrecorded = {
        message_id(pk)
        for pk in issue.deliveries.filter(status=Delivery.Status.SENDING).values_list(
            "pk", flat=True
        )
    }

    # Sending again (the officer's publish, a retry, or beat's sweep) finishes the job.
    worker = start(celery("worker", *worker_args(queue)), env, tmp_path / "recovery.log")
    try:
        send(issue, queue, redis_server.url)
        wait_until(
            lambda: not issue.deliveries.exclude(status=Delivery.Status.SENT).exists(),
            timeout=90,
            what="every delivery to be sent",
        )
    finally:
        stop(worker)

    received = mail_sink.counts()
    deliveries = set(issue.deliveries.values_list("pk", flat=True))
    assert len(deliveries) == READERS
    assert set(received) == {message_id(pk) for pk in deliveries}, "a reader was lost"
    readers = {to for _, rcpt_tos in mail_sink.received for to in rcpt_tos}
    assert len(readers) == READERS
    doubled = {key for key, times in received.items() if times > 1}
    if step == "after-mail":
        # Only the mail in flight when the worker died went again, with its Message-ID.
        assert sent_before == n
        assert len(doubled) == 1 and doubled <= unrecorded
        assert len(mail_sink) == READERS + 1
    else:
        assert doubled == set()
        assert len(mail_sink) == READERS
    issue.refresh_from_db()
    assert issue.sent_count == READERS
