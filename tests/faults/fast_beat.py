"""Celery beat sending the daily reminder task every second, to QUEUE, keeping its schedule
in SCHEDULE_FILE: python -m tests.faults.fast_beat QUEUE SCHEDULE_FILE."""

import sys

import django

if __name__ == "__main__":
    queue, schedule_file = sys.argv[1:]
    django.setup()
    from config.celery import app

    # Reading app.conf loads the settings and the usual schedule first; this one replaces it.
    app.conf.beat_schedule = {
        "reminders-every-second": {
            "task": "tasks.reminders.send_daily_reminders",
            "schedule": 1.0,
            "options": {"queue": queue},
        }
    }
    app.start(["beat", "--schedule", schedule_file, "--loglevel=INFO"])
