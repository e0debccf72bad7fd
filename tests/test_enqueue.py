"""Queueing a task by name after the transaction commits (common/enqueue.py)."""

from unittest import mock

from common.enqueue import registered_task


def test_a_known_task_is_found_without_importing_the_apps_task_modules_again():
    # Importing them again makes Celery's Django fixup run every system check: 30 ms for each
    # task queued, 1.5 s of a reminder run queueing fifty batches.
    registered_task("tasks.health.ping")
    with mock.patch("django.core.checks.run_checks") as run_checks:
        task = registered_task("tasks.reminders.send_digest_batch")
        registered_task("tasks.health.ping")
    assert task.name == "tasks.reminders.send_digest_batch"
    run_checks.assert_not_called()
