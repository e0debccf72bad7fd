"""Shared benchmark plumbing: a throwaway database, timing, and the figures' report."""

import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(urlconf: str | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if urlconf:
        settings.ROOT_URLCONF = urlconf


@contextmanager
def scratch_database():
    """A fresh, migrated database (bench_<name of DATABASE_URL's database>), dropped afterwards.

    Named after the database given, not test_<name>, so a benchmark and the tests of the same
    DATABASE_URL never drop each other's database. Django's test environment is not set up: it
    would instrument every template render and keep every e-mail in memory, which is not what
    production does.
    """
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def interleaved(runs: int, **contenders: Callable[[], object]) -> dict[str, list[float]]:
    """Time each contender `runs` times, alternating, so machine noise hits all alike."""
    timings = {name: [] for name in contenders}
    for _ in range(runs):
        for name, call in contenders.items():
            start = time.perf_counter()
            call()
            timings[name].append(time.perf_counter() - start)
    return timings


# The pages kept between visits (portal/kept.py), each measured twice: as a visit that finds it
# kept, and as the first visit after a change, which draws it (nothing kept for it).
KEPT_PAGES = {"project page", "My work", "dashboard"}


def drawn_anew(call: Callable[[], object]) -> Callable[[], object]:
    """`call` with nothing kept for it: each run under a key of its own, as after a change."""
    from common import page_cache

    def call_anew():
        kept_under = page_cache.code_stamp
        stamp = uuid.uuid4().hex
        page_cache.code_stamp = lambda: stamp
        try:
            return call()
        finally:
            page_cache.code_stamp = kept_under

    return call_anew


def machine() -> str:
    import platform

    processor = platform.processor() or platform.machine()
    return f"{processor}, {os.cpu_count()} cores, Python {platform.python_version()}"
