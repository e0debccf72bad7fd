from datetime import date

from celery import shared_task

from common import clock
from common.mailing import TransientMailError
from reminders.services import resend_digest, run_reminders, send_batch


@shared_task(name="tasks.reminders.send_daily_reminders", bind=True)
def send_daily_reminders(self, day: str | None = None) -> dict:
    """Claim the day's deadline reminders (today by default) and queue their digests in batches
    that any worker sends, on the queue this task came from."""
    queue = (self.request.delivery_info or {}).get("routing_key")
    report = run_reminders(
        day=date.fromisoformat(day) if day else clock.today(), in_batches=True, queue=queue
    )
    return {"claimed": report.run.claimed, "digests": report.run.digests}


@shared_task(
    name="tasks.reminders.send_digest_batch",
    ignore_result=True,  # queued by a run that does not wait for it
    # No retry of its own: a batch that stops leaves its digests pending (or, the one in flight,
    # sending until stale), and the next run sends them; mail errors are retried per digest.
)
def send_digest_batch(run_id: int, digest_ids: list[int]) -> dict:
    """Send a batch of a run's digests; the run's counts grow by what it sent or failed."""
    return send_batch(run_id=run_id, digest_ids=digest_ids)


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
