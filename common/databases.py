import select
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection


def current_database_url() -> str:
    """The URL of the database this process uses, for a process it starts (a worker in a
    test, gunicorn in a benchmark), password included."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    user = quote(db["USER"] or "", safe="")
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class StatementInFlight:
    """One statement sent to PostgreSQL (`send()`) whose answer is read later, by `wait()`: the
    server runs it (and, outside a transaction, commits it) while this process goes on.

    Until `wait()` has returned nothing else may use the connection, so the caller waits before
    its next query. Values are sent as text, bound by the server. Errors are Django's, and the
    statement is logged with the connection's queries when they are logged (DEBUG, tests).
    """

    def __init__(self, sql: str, values: list[str]):
        connection.ensure_connection()
        self.sql, self.values = sql, values
        self.pgconn = connection.connection.pgconn
        self.encoding = connection.connection.info.encoding

    def send(self) -> None:
        """Send the statement; its answer is left for wait()."""
        self.started = time.monotonic()
        with connection.wrap_database_errors:
            self.pgconn.send_query_params(
                self.sql.encode(self.encoding),
                [value.encode(self.encoding) for value in self.values],
            )
            # psycopg's connections do not block: the statement may still sit in libpq's buffer,
            # and libpq asks to read what the server sends meanwhile while it is written.
            while self.pgconn.flush():
                ready = wait_for_socket(self.pgconn.socket, select.POLLIN | select.POLLOUT)
                if ready & select.POLLIN:
                    self.pgconn.consume_input()

    @property
    def answered(self) -> bool:
        """Whether the whole answer has been read (or the connection is gone)."""
        from psycopg import pq

        return self.pgconn.transaction_status != pq.TransactionStatus.ACTIVE

    def wait(self) -> None:
        """Read the statement's whole answer; raise its error, if it failed."""
        from psycopg import errors, pq

        failure = None
        with connection.wrap_database_errors:
            while True:
                # get_result() blocks inside libpq unless the answer is in: read it here first.
                self.pgconn.consume_input()
                if self.pgconn.is_busy():
                    wait_for_socket(self.pgconn.socket, select.POLLIN)
                    continue
                result = self.pgconn.get_result()
                if result is None:
                    break
                failed = result.status in (pq.ExecStatus.FATAL_ERROR, pq.ExecStatus.BAD_RESPONSE)
                if failed and failure is None:
                    failure = errors.error_from_result(result, encoding=self.encoding)
            self.log()
            if failure is not None:
                raise failure

    def log(self) -> None:
        if connection.queries_logged:
            connection.queries_log.append({
                "sql": f"{self.sql} -- {self.values}",
                "time": f"{time.monotonic() - self.started:.3f}",  # until its answer was read
            })  # fmt: skip


def wait_for_socket(socket: int, events: int) -> int:
    """Wait until the socket is ready for one of `events`; return those it is ready for."""
    poll = select.poll()
    poll.register(socket, events | select.POLLERR | select.POLLHUP)
    return poll.poll()[0][1]
