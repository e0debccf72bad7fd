from contextlib import contextmanager
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


@contextmanager
def bound_cursor():
    """A cursor that sends a statement's values apart from it (server-side binding), for a
    statement run once per row (a mail's "sent" mark): psycopg then composes no statement text
    for each call, as it does for Django's cursors. Elsewhere, the ordinary cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    # Wrapped as Django wraps its own cursors: errors translated, queries logged and counted.
    with connection._prepare_cursor(ServerBindingCursor(connection.connection)) as cursor:
        yield cursor
