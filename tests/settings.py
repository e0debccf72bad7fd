"""Test-only overrides: fast password hashing and an isolated folder for what the run writes."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tracker-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# On SQLite the test database is a file, so a Celery worker process started by a test can open it.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-tracker.sqlite3")}  # noqa: F405

# The database cache whatever REDIS_URL says: each test's counters (throttles, mail floods) are
# rolled back with its transaction, and the Redis database the run was given is not written to.
# The two-process throttle test starts servers on both kinds of shared cache.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": DATABASE_CACHE_TABLE,  # noqa: F405
    }
}
# Kept pages in memory: each test has keys of its own (tests/conftest.py), and a browser test's
# server runs in the test's process.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
