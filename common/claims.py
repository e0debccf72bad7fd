"""Claim before sending: the step that makes an e-mail go out once, whoever else is running.

A row moves from pending to sending in one conditional UPDATE; the ids it returns are the rows
this worker won. Another worker, a retry or a second run claiming the same rows gets nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone


def claim_pending(table: str, ids: list[int], *, count_attempt: bool = False) -> set[int]:
    """Move the pending rows among `ids` of `table` to sending; return the ids claimed."""
    if not ids:
        return set()
    attempts = ", attempts = attempts + 1" if count_attempt else ""
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = 'sending', claimed_at = %s{attempts} "
            f"WHERE id IN ({marks}) AND status = 'pending' RETURNING id",
            [timezone.now(), *ids],
        )
        return {row[0] for row in cursor.fetchall()}


def stale_before():
    """Rows claimed before this moment had their worker stopped mid-send."""
    return timezone.now() - timedelta(minutes=settings.REMINDER_STALE_MINUTES)


def release_stale(queryset, **also) -> int:
    """Put rows of `queryset` a stopped worker left "sending" back to pending, so they go out
    again (the one place a mail may go twice); return how many."""
    return queryset.filter(status="sending", claimed_at__lt=stale_before()).update(
        status="pending", **also
    )
