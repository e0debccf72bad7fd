from datetime import date

from celery import shared_task

from common import clock
from projects.services import advance_project_statuses


@shared_task(name="tasks.projects.advance_statuses")
def advance_statuses(day: str | None = None) -> int:
    """Move the projects whose dates say they have started or ended (today by default)."""
    return advance_project_statuses(today=date.fromisoformat(day) if day else clock.today())
