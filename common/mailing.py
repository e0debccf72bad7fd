"""Sending what was claimed: the one way reminder digests, newsletter deliveries and any later
family of e-mails hand their messages to the mail server.

A family's rows carry the same fields: status (pending → sending → sent, or failed), attempts,
last_error, claimed_at, sent_at. Rows are claimed a chunk at a time (common/claims.py), then each
claimed row's message is handed to the server, and the row is recorded as sent before the next
message is. A worker stopped at any moment thus leaves at most one message in doubt, the one in
flight: handed to the server perhaps, not recorded. It goes out again when its claim is stale,
with the same Message-ID, which mail services show as one message. Losing it instead would be
worse.

A temporary refusal (4xx, a dropped connection) puts the row back to pending until the family's
attempts are spent; anything else fails it for good, with the reason kept for an officer.
"""

import logging
import smtplib

from billiard.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError

from .claims import FAILED, PENDING, SENT, SKIPPED, SentMarks, claim_pending
from .validators import CONTROL_CHARACTERS

logger = logging.getLogger(__name__)

CLAIMED_ELSEWHERE = "sent by another worker"
NOTHING_TO_SEND = "Nothing was left to send."


class TransientMailError(Exception):
    """The mail server could not take a message now; trying again later may work."""


def is_transient(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def subject_line(text: str) -> str:
    """A mail subject on one line, whatever the data in it holds: line breaks, tabs and other
    control characters become spaces and runs of spaces one, as a header cannot hold them."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(text)).split())


def send_now(message) -> None:
    """Send a message that no row records (a confirmation, a password reset link), from a task:
    a temporary refusal raises TransientMailError, so the task backs off and tries again."""
    try:
        message.send()
    except Exception as error:
        if is_transient(error):
            raise TransientMailError(f"{type(error).__name__}: {error}") from error
        raise


def send_claimed(model, builders: dict, *, connection, max_attempts: int) -> dict:
    """Claim the pending rows of `model` keyed in `builders` ({pk: a function that builds the
    row's EmailMessage}) and send the message of each row claimed; return {pk: (status, error)}
    for every key.

    Each message is built once its row is claimed, after the one before it was handed over,
    while the database records that one as sent (SentMarks): building is what the worker does
    instead of waiting, and a builder only reads. A builder returns None for a row left with
    nothing to send, which is then recorded as skipped (a family whose rows may be skipped
    has that status). A builder that raises fails its row for good, with the reason, and the
    others go on; a database error stops the sending as a stopped worker would (the rows left
    claimed go out again once stale).
    """
    claimed = claim_pending(model._meta.db_table, list(builders))
    outcomes = {}
    with SentMarks(model._meta.db_table) as marks:
        for pk, build in builders.items():
            if pk not in claimed:
                outcomes[pk] = (CLAIMED_ELSEWHERE, "")
                continue
            try:
                message = build()
            except DatabaseError:
                raise  # the database failed (perhaps the mark before): as a stopped worker
            except Exception as error:  # a bug in making this one message: the others go on
                logger.exception("%s %s could not be written", model._meta.verbose_name, pk)
                outcomes[pk] = record_failure(model, pk, error, max_attempts)
                continue
            if message is None:
                model.objects.filter(pk=pk).update(status=SKIPPED, last_error=NOTHING_TO_SEND)
                outcomes[pk] = (SKIPPED, NOTHING_TO_SEND)
                continue
            marks.settle()  # the message before this one is recorded before this one leaves
            outcomes[pk] = hand_over(model, pk, message, connection, max_attempts, marks)
    return outcomes


def hand_over(model, pk: int, message, connection, max_attempts: int, marks) -> tuple[str, str]:
    """Send one claimed row's message and record the outcome on the row: a failure at once, a
    success through `marks`."""
    message.connection = connection
    try:
        message.send()
    except SoftTimeLimitExceeded:
        raise  # the task is out of time: this message is the one in doubt, sent again if stale
    except Exception as error:  # classified and recorded below; the other rows go on
        connection.close()  # a broken session must not fail the next recipients
        return record_failure(model, pk, error, max_attempts)
    marks.record(pk)
    return SENT, ""


def record_failure(model, pk: int, error: Exception, max_attempts: int) -> tuple[str, str]:
    reason = f"{type(error).__name__}: {error}"
    row = model.objects.filter(pk=pk)
    # The claim counted this attempt already.
    if is_transient(error) and row.filter(attempts__lt=max_attempts).update(
        status=PENDING, last_error=reason
    ):
        return PENDING, reason
    row.update(status=FAILED, last_error=reason)
    logger.error("%s %s failed for good: %s", model._meta.verbose_name, pk, reason)
    return FAILED, reason
