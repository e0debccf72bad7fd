"""Claim before sending: the step that makes an e-mail go out once, whoever else is running.

A row moves from pending to sending in one conditional UPDATE; the ids it returns are the rows
this worker won. Another worker, a retry or a second run claiming the same rows gets nothing.
"""

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
