from celery import shared_task

from common.mailing import TransientMailError
from deliverables.review_mails import send_changes_requested, send_handed_in


@shared_task(
    name="tasks.reviews.send_changes_requested_mail",
    ignore_result=True,  # queued from a review, which does not wait
    autoretry_for=(TransientMailError,),
    retry_backoff=120,
    max_retries=5,
)
def send_changes_requested_mail(review_id: int, person_id: int) -> str:
    """Mail one of the lead's contacts the changes the coordinator asks for."""
    return send_changes_requested(review_id=review_id, person_id=person_id)


@shared_task(
    name="tasks.reviews.send_handed_in_mail",
    ignore_result=True,  # queued from a submission, which does not wait
    autoretry_for=(TransientMailError,),
    retry_backoff=120,
    max_retries=5,
)
def send_handed_in_mail(submission_id: int, person_id: int) -> str:
    """Mail one of the coordinator's contacts that a deliverable waits for their review."""
    return send_handed_in(submission_id=submission_id, person_id=person_id)
