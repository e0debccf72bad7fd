"""Queue a Celery task after the transaction commits, without ever holding a request hostage.

The rows a task works on are written first, in the transaction; the task only says "go". When
the broker is down or silent, the publish fails within BROKER_TIMEOUT_SECONDS and is logged:
the rows still say what is pending. Newsletter deliveries are picked up by beat's sweep
(tasks.newsletters.send_pending) once the broker is back; a reminder digest whose retry was
not queued stays pending and goes with the next daily run. A rolled-back transaction
publishes nothing.

Tasks queued this way declare ignore_result=True: with a Redis result store, queueing a task
whose result may be awaited first subscribes to its result channel, and a failure there leaves
the process's result consumer broken for good.
"""

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def registered_task(name: str):
    """The task of that name from the Celery app's registry.

    Services name the task rather than import it: the `tasks` package sits above the services
    it calls, so an import would run upwards through the floors.
    """
    if name not in current_app.tasks:
        # The app's `include`, imported once. Importing it again is not free: Celery's Django
        # fixup runs every system check each time, 30 ms a task queued.
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def enqueue_after_commit(task_name: str, *args, **options) -> None:
    def publish():
        try:
            # retry=False: one attempt, bounded by the broker's socket timeouts.
            registered_task(task_name).apply_async(args, retry=False, **options)
        except (OperationalError, OSError) as error:
            logger.warning(
                "Could not queue %s%r (%s); the work stays recorded as pending.",
                task_name,
                args,
                error,
            )

    transaction.on_commit(publish)
