"""The broker away: Redis stopped, then Redis accepting connections but never answering.
A request that queues a task still answers within two seconds with its data committed, and
the work is done once Redis is back. A rolled-back transaction queues nothing."""

import json
import subprocess
import sys
import time
import urllib.request
from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from newsletters.models import Delivery, NewsletterIssue, Subscriber
from tests.factories import UserFactory
from tests.processes import (
    celery,
    service_environment,
    start,
    stop,
    wait_until,
    web_server,
    worker_args,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

READERS = ["ana@example.org", "ben@example.org", "chloe@example.org"]


def approved_issue(month: int) -> NewsletterIssue:
    return NewsletterIssue.objects.create(
        period_start=date(2018, month, 1), period_end=date(2018, month, 28), language="en",
        generated_content=f"# News of month {month}\n", status=NewsletterIssue.Status.APPROVED,
    )  # fmt: skip


def publish(base_url: str, token: str, issue: NewsletterIssue) -> tuple[int, float]:
    request = urllib.request.Request(
        f"{base_url}/api/newsletters/{issue.pk}/publish/",
        method="POST",
        headers={"Authorization": f"Token {token}"},
    )
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=30) as response:
        json.load(response)
        return response.status, time.monotonic() - started


def test_requests_answer_while_redis_is_away_and_the_work_is_done_after(
    tmp_path, redis_server, mail_sink
):
    officer = UserFactory(username="officer", is_superuser=True, is_staff=True)
    token = Token.objects.create(user=officer).key
    for address in READERS:
        Subscriber.objects.create(email=address, language="en", confirmed_at=timezone.now())
    stopped_issue, silent_issue = approved_issue(3), approved_issue(4)
    env = service_environment(
        tmp_path, REDIS_URL=redis_server.url, EMAIL_URL=mail_sink.url,
        PENDING_WORK_SWEEP_SECONDS=1, ALLOWED_HOSTS="127.0.0.1",
    )  # fmt: skip
    web, base_url = web_server(env, tmp_path / "web.log")
    worker = start(celery("worker", *worker_args("celery")), env, tmp_path / "worker.log")
    beat = start(celery("beat", "--schedule", str(tmp_path / "beat")), env, tmp_path / "beat.log")
    try:
        redis_server.stop()
        status, seconds = publish(base_url, token, stopped_issue)
        assert status == 200 and seconds < 2, f"{seconds:.2f} s with Redis stopped"

        with redis_server.silent():
            status, seconds = publish(base_url, token, silent_issue)
            assert status == 200 and seconds < 2, f"{seconds:.2f} s with Redis silent"

        # Both publications are committed, their readers waiting.
        for issue in (stopped_issue, silent_issue):
            issue.refresh_from_db()
            assert issue.status == NewsletterIssue.Status.PUBLISHED
            assert issue.deliveries.filter(status=Delivery.Status.PENDING).count() == 3

        redis_server.start()  # back, and empty: what was never queued is found by the sweep
        wait_until(
            lambda: Delivery.objects.filter(status=Delivery.Status.SENT).count() == 6,
            timeout=90,
            what="the sweep to send both issues",
        )
    finally:
        for process in (beat, worker, web):
            stop(process)
    recipients = sorted(address for _, to in mail_sink.received for address in to)
    assert recipients == sorted(READERS * 2)  # each reader got each issue, once


ROLLED_BACK = """
import sys
import django
django.setup()
from django.db import transaction
from config.celery import app
from newsletters.models import NewsletterIssue
from newsletters.sending import publish_issue

def queued():
    with app.connection_for_write() as connection:
        return connection.default_channel.client.llen(sys.argv[2])

issue = NewsletterIssue.objects.get(pk=int(sys.argv[1]))
before = queued()
try:
    with transaction.atomic():
        publish_issue(issue=issue)
        raise RuntimeError("the officer's request failed after publishing")
except RuntimeError:
    pass
after_rollback = queued()
issue.refresh_from_db()
publish_issue(issue=issue)
print(before, after_rollback, queued(), issue.status)
"""


def test_a_rolled_back_transaction_queues_nothing(tmp_path, redis_server):
    Subscriber.objects.create(email=READERS[0], language="en", confirmed_at=timezone.now())
    issue = approved_issue(5)
    env = service_environment(tmp_path, REDIS_URL=redis_server.url)
    queue = "celery"  # where send_newsletter goes; no worker reads this Redis
    result = subprocess.run(
        [sys.executable, "-c", ROLLED_BACK, str(issue.pk), queue],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    before, after_rollback, after_commit, status = result.stdout.split()
    assert (before, after_rollback, after_commit) == ("0", "0", "1")  # the commit's one task
    assert status == "published"
