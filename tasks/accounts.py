from celery import shared_task

from common.mailing import TransientMailError
from partners.password_reset import send_password_reset


@shared_task(
    name="tasks.accounts.send_password_reset_mail",
    ignore_result=True,  # queued from the reset page, which does not wait
    autoretry_for=(TransientMailError,),
    retry_backoff=120,
    max_retries=5,
)
def send_password_reset_mail(email: str, language: str) -> None:
    """Mail a password reset link to the accounts of an address (none if it is unknown)."""
    send_password_reset(email=email, language=language)
