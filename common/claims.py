"""Claim before sending: the step that makes an e-mail go out once, whoever else is running.

A row moves from pending to sending in one conditional UPDATE; the ids it returns are the rows
this worker won. Another worker, a retry or a second run claiming the same rows gets nothing.
Every family of claimed rows (reminder digests, newsletter deliveries) uses these statuses.
"""

from contextlib import contextmanager
from datetime import timedelta

from django.db import DatabaseError, connection
from django.utils import timezone

from .databases import StatementInFlight

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# A claimed row whose message found nothing left to send (a digest whose items all closed).
SKIPPED = "skipped"


def claim_pending(table: str, ids: list[int]) -> set[int]:
    """Move the pending rows among `ids` of `table` to sending, counting an attempt; return the
    ids claimed."""
    if not ids:
        return set()
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            # The rows are found by their ids alone, then their status is checked: written as
            # `status = …`, the comparison let PostgreSQL also read an index that starts with
            # the status (the digests' `digest_status_claimed`), whose every entry for "pending"
            # (live or dead, tens of thousands in a run) cost ten times the lookup of the ids,
            # on statistics taken before the run's rows were made.
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "
            f"WHERE id IN ({marks}) AND status || '' = %s RETURNING id",
            [SENDING, timezone.now(), *ids, PENDING],
        )
        return {row[0] for row in cursor.fetchall()}


class SentMarks:
    """Records claimed rows of `table` as sent, one commit per row, without this worker waiting
    for each: a row's mark goes to the database as soon as its message is handed over, and its
    answer is read by `settle()`, which the sender calls just before handing over the next
    message. The database thus records one message while the worker builds the next, and still
    no message leaves before the one before it is recorded: a worker stopped at any moment
    leaves at most one message in doubt.

    Used as a context manager. Inside it, any other statement on the connection (a builder's
    query, a failure recorded) first settles the mark in flight, which nothing may share the
    connection with; leaving it settles the last. What talks to the connection without a
    statement must not run while a mark is in flight: opening a transaction (atomic) would fail
    loudly, so builders only read. A mark that failed fails every later settle(), so no message
    leaves after it even when the error surfaced in a statement that caught it.
    """

    def __init__(self, table: str):
        self.table = table
        self.in_flight = None
        self.failure = None

    def __enter__(self):
        self.wrapper = connection.execute_wrapper(self.settled_first)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc_info):
        try:
            self.settle()
        finally:
            self.wrapper.__exit__(*exc_info)

    def settled_first(self, execute, sql, params, many, context):
        self.settle()
        return execute(sql, params, many, context)

    def record(self, pk: int) -> None:
        """Record the row `pk` as sent: its message was handed over."""
        self.settle()
        now = timezone.now()
        if connection.vendor != "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {self.table} SET status = %s, sent_at = %s WHERE id = %s",
                    [SENT, now, pk],
                )
            return
        # Held before it is sent, so that whatever interrupts the sending finds it.
        self.in_flight = StatementInFlight(
            # The status is written in: it is the same for every mail, so is the statement.
            f"UPDATE {self.table} SET status = '{SENT}', sent_at = $1 WHERE id = $2",
            [now.isoformat(), str(pk)],
        )
        with self.closing_if_interrupted():
            self.in_flight.send()

    def settle(self) -> None:
        """Wait for the mark in flight, if any, to be committed; raise if it (or one before)
        failed."""
        if self.failure is not None:
            raise self.failure
        if self.in_flight is None:
            return
        with self.closing_if_interrupted():
            try:
                self.in_flight.wait()
            except DatabaseError as error:
                self.failure = error
                raise
            finally:
                if self.in_flight.answered:
                    self.in_flight = None

    @contextmanager
    def closing_if_interrupted(self):
        """Anything raised while a mark is sent or awaited (a task's time limit, an interrupt, a
        broken connection) leaves its answer unread: the connection is closed then, so that the
        next statement opens another rather than meet a session still busy."""
        try:
            yield
        except BaseException:
            in_flight, self.in_flight = self.in_flight, None
            if in_flight is not None and not in_flight.answered:
                connection.close()
            raise


def stale_before(minutes: int):
    """Rows claimed before this moment had their worker stopped mid-send."""
    return timezone.now() - timedelta(minutes=minutes)


def release_stale(queryset, *, minutes: int, **also) -> int:
    """Put rows of `queryset` a stopped worker left "sending" for more than `minutes` back to
    pending, so they go out again (the one place a mail may go twice); return how many."""
    return queryset.filter(status=SENDING, claimed_at__lt=stale_before(minutes)).update(
        status=PENDING, **also
    )
