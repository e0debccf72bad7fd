"""Claim before sending: the step that makes an e-mail go out once, whoever else is running.

A row moves from pending to sending in one conditional UPDATE; the ids it returns are the rows
this worker won. Another worker, a retry or a second run claiming the same rows gets nothing.
Every family of claimed rows (reminder digests, newsletter deliveries) uses these statuses.
"""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from .databases import bound_cursor

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


def claim_pending(table: str, ids: list[int]) -> set[int]:
    """Move the pending rows among `ids` of `table` to sending, counting an attempt; return the
    ids claimed."""
    if not ids:
        return set()
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "
            f"WHERE id IN ({marks}) AND status = %s RETURNING id",
            [SENDING, timezone.now(), *ids, PENDING],
        )
        return {row[0] for row in cursor.fetchall()}


def mark_sent(table: str, pk: int) -> None:
    """Record a row of `table` as sent. It runs once per mail, between two mails, so it is a
    plain statement with its values bound by the server rather than an ORM update compiled
    for every mail."""
    with bound_cursor() as cursor:
        cursor.execute(
            # The status written in: it is the same for every mail, so is the statement.
            f"UPDATE {table} SET status = '{SENT}', sent_at = %s WHERE id = %s",
            [timezone.now(), pk],
        )


def stale_before(minutes: int):
    """Rows claimed before this moment had their worker stopped mid-send."""
    return timezone.now() - timedelta(minutes=minutes)


def release_stale(queryset, *, minutes: int, **also) -> int:
    """Put rows of `queryset` a stopped worker left "sending" for more than `minutes` back to
    pending, so they go out again (the one place a mail may go twice); return how many."""
    return queryset.filter(status=SENDING, claimed_at__lt=stale_before(minutes)).update(
        status=PENDING, **also
    )
