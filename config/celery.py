"""The Celery app: broker from settings (Redis, or folders on disk), jobs from `tasks/`."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init, celeryd_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Autodiscovery only looks inside installed apps; the jobs live in the `tasks` package.
TASK_MODULES = [
    "tasks.accounts",
    "tasks.health",
    "tasks.newsletters",
    "tasks.projects",
    "tasks.reminders",
    "tasks.reviews",
]

app = Celery("tracker", include=TASK_MODULES)
# Everything, the beat schedule included, comes from the CELERY_* settings.
app.config_from_object("django.conf:settings", namespace="CELERY")


def ensure_broker_folders() -> None:
    """Create the folders of the filesystem transport; kombu expects them to exist."""
    from django.conf import settings

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    keys = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")
    folders = [options.get(key) for key in keys]
    if settings.CELERY_RESULT_BACKEND.startswith("file://"):
        folders.append(settings.CELERY_RESULT_BACKEND.removeprefix("file://"))
    folders.append(str(Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent))
    for folder in filter(None, folders):
        Path(folder).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_folders(sender, **kwargs):
    ensure_broker_folders()


@celeryd_init.connect
def _prepare_worker(**kwargs):
    ensure_broker_folders()


@beat_init.connect
def _prepare_beat(**kwargs):
    ensure_broker_folders()
