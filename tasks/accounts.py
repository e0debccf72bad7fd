from celery import shared_task
from django.db import OperationalError

from common.mailing import TransientMailError
from partners.invitations import send_invitation
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


@shared_task(
    name="tasks.accounts.send_invitation_mail",
    ignore_result=True,  # queued from the people pages, which do not wait
    autoretry_for=(TransientMailError, OperationalError),  # the row says what is left to send
    retry_backoff=120,
    max_retries=5,
)
def send_invitation_mail(invitation_id: int) -> str:
    """Mail a person the link that lets them choose the password of their new login."""
    return send_invitation(invitation_id=invitation_id)
