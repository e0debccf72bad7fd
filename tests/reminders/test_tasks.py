"""The reminders as Celery runs them: schedule, limits, enqueue after commit, a real worker."""

import os
import subprocess
import sys
import uuid

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import connection, transaction

from common.databases import current_database_url
from config.celery import app
from reminders.models import Digest, ReminderRun
from reminders.services import schedule_retry
from tests.processes import wait_until


def test_beat_sends_the_reminders_every_morning_at_eight():
    entry = app.conf.beat_schedule["send-daily-reminders"]
    assert entry["task"] == "tasks.reminders.send_daily_reminders"
    assert entry["schedule"] == crontab(hour=8, minute=0)
    assert app.conf.timezone == settings.TIME_ZONE


def test_time_limits_fit_inside_the_redis_visibility_timeout():
    soft, hard = settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT
    # A task still running when Redis redelivers it would run twice.
    assert soft < hard < settings.REDIS_VISIBILITY_TIMEOUT
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST


@pytest.mark.django_db
def test_a_retry_is_queued_only_once_the_transaction_commits(monkeypatch):
    queued = []
    monkeypatch.setattr(
        "tasks.reminders.retry_digest.apply_async", lambda args, **options: queued.append(args)
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule_retry(41)
        raise RuntimeError("rolled back")
    with transaction.atomic():
        schedule_retry(42)
        assert queued == []
    # pytest-django wraps the test in a transaction: run what a commit would run.
    for _savepoint, callback, _robust in connection.run_on_commit:
        callback()
    assert queued == [(42,)]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_daily_task_and_the_mails_land(tmp_path, settings):
    """The beat task, sent through the configured broker (Redis in CI), run by a worker
    process against this test database, writes its mails where the test can read them."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "VAR_DIR": str(tmp_path)}
    env["EMAIL_URL"] = f"filemail:///{tmp_path / 'outbox'}"
    env["DATABASE_URL"] = current_database_url()
    queue = f"test-{uuid.uuid4().hex}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--queues", queue, "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    producer = """
import sys, django
django.setup()
from tasks.reminders import send_daily_reminders
print(send_daily_reminders.apply_async(("2018-11-23",), queue=sys.argv[1]).get(timeout=90))
"""
    try:
        result = subprocess.run([sys.executable, "-c", producer, queue], cwd=settings.BASE_DIR,
                                env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
        # The daily task queues the digests in batches on its own queue; the worker sends them.
        wait_until(
            lambda: ReminderRun.objects.filter(finished_at__isnull=False).exists(),
            timeout=90,
            what="the run's batches",
        )
    finally:
        worker.terminate()
        log, _ = worker.communicate(timeout=30)
    assert result.returncode == 0, result.stderr + log
    # On that day: Jana Becker and Élodie Bernard for their deadlines, Julien Lefèvre for the
    # network's overdue D1.2 (the demo's living dates), and the leads of the illustrative
    # PATHWAYS' overdue D2.2, D3.1 and D4.1 (Lucía Fernández, Giulia Rossi, Karim Benali), one
    # digest each.
    assert "'digests': 6" in result.stdout
    assert ReminderRun.objects.get().sent == 6
    mails = "".join(p.read_text() for p in (tmp_path / "outbox").iterdir())
    for reader in (
        "elodie.bernard", "jana.becker", "julien.lefevre", "lucia.fernandez", "giulia.rossi",
        "karim.benali",
    ):  # fmt: skip
        assert f"To: {reader}@example.org" in mails
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == 6
