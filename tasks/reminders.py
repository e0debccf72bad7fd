from datetime import date

from celery import shared_task

from common import clock
from common.mailing import TransientMailError
from reminders.services import resend_digest, run_reminders


@shared_task(name="tasks.reminders.send_daily_reminders")
def send_daily_reminders(day: str | None = None) -> dict:
    """Send the day's deadline reminders (today by default), one digest per person."""
    report = run_reminders(day=date.fromisoformat(day) if day else clock.today())
    return {"claimed": report.run.claimed, "sent": report.run.sent, "failed": report.run.failed}


@shared_task(
    name="tasks.reminders.retry_digest",
    ignore_result=True,  # queued by a run that does not wait for it
    autoretry_for=(TransientMailError,),
    retry_backoff=120,  # 2, 4, 8, 16 minutes …
    max_retries=5,
)
def retry_digest(digest_id: int) -> str:
    """Send again a digest that met a temporary mail error."""
    return resend_digest(digest_id=digest_id)
