from datetime import date

from celery import shared_task
from django.db import OperationalError

from common import clock
from common.mailing import TransientMailError
from newsletters.sending import send_issue, send_pending_issues
from newsletters.services import draft_previous_month
from newsletters.subscriptions import send_confirmation


@shared_task(
    name="tasks.newsletters.draft_last_month",
    autoretry_for=(OperationalError,),  # the database was unreachable: drafting again is safe
    retry_backoff=60,
    max_retries=3,
)
def draft_last_month(today: str | None = None) -> int:
    """Draft last month's newsletter in every language; safe to run twice (one issue each)."""
    day = date.fromisoformat(today) if today else clock.today()
    return len(draft_previous_month(today=day))


@shared_task(
    name="tasks.newsletters.send_newsletter",
    # Queued from a request, which never waits for the result: no result-store round trip.
    ignore_result=True,
    # The database was unreachable, or the mail server refused some readers for now: the
    # deliveries say what is left, so sending again is safe.
    autoretry_for=(OperationalError, TransientMailError),
    retry_backoff=120,  # 2, 4, 8, 16 minutes …, as reminder digests
    max_retries=5,
)
def send_newsletter(issue_id: int) -> int:
    """Send a published issue to its subscribers; deliveries are claimed, so once each."""
    return send_issue(issue_id=issue_id)


@shared_task(
    name="tasks.newsletters.send_pending", autoretry_for=(OperationalError,), max_retries=1
)
def send_pending() -> int:
    """The sweep: send published issues whose readers are still waiting."""
    return send_pending_issues()


@shared_task(
    name="tasks.newsletters.send_confirmation_mail",
    ignore_result=True,  # queued from the subscription page, which does not wait
    autoretry_for=(TransientMailError,),
    retry_backoff=120,
    max_retries=5,
)
def send_confirmation_mail(subscriber_id: int) -> str:
    """Mail a new subscriber the link that confirms their subscription."""
    return send_confirmation(subscriber_id=subscriber_id)
