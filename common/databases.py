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
    """One statement sent to PostgreSQL whose answer is read later, by `wait()`: the server runs
    it (and, outside a transaction, commits it) while this process goes on with other work.

    Until `wait()` has returned nothing else may use the connection, so the caller waits before
    its next query. Values are sent as text, bound by the server. Errors are Django's, and the
    statement is logged with the connection's queries when they are logged (DEBUG, tests).
    """

    def __init__(self, sql: str, values: list[str]):
        connection.ensure_connection()
        self.sql, self.values = sql, values
        self.started = time.monotonic()
        self.pgconn = connection.connection.pgconn
        with connection.wrap_database_errors:
            self.pgconn.send_query_params(sql.encode(), [value.encode() for value in values])
            # psycopg's connections do not block: the statement may sit in libpq's buffer.
            while self.pgconn.flush():
                wait_for_socket(self.pgconn.socket, select.POLLOUT)

    def wait(self) -> None:
        """Read the statement's answer; raise its error, if it failed."""
        from psycopg import errors, pq

        with connection.wrap_database_errors:
            self.pgconn.consume_input()
            while self.pgconn.is_busy():
                wait_for_socket(self.pgconn.socket, select.POLLIN)
                self.pgconn.consume_input()
            failure = None
            while (result := self.pgconn.get_result()) is not None:
                if result.status == pq.ExecStatus.FATAL_ERROR and failure is None:
                    failure = errors.error_from_result(result, encoding="utf-8")
            self.log()
            if failure is not None:
                raise failure

    def log(self) -> None:
        if connection.queries_logged:
            connection.queries_log.append({
                "sql": f"{self.sql} -- {self.values}",
                "time": f"{time.monotonic() - self.started:.3f}",
            })  # fmt: skip


def wait_for_socket(socket: int, event: int) -> None:
    poll = select.poll()
    poll.register(socket, event | select.POLLERR | select.POLLHUP)
    poll.poll()
