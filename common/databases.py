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
