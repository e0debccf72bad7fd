"""Parts of pages kept between visits, under a key that changes with everything they show.

Nothing is ever invalidated: a key names all a part depends on, so a changed input is a new key
and the old entry simply expires. The caller names its data (e.g. the project and its
revision, which the database renews on every change: common.touches) and what the reader may do
there; this module adds the rest of what a rendering depends on: the reader, their language and
time zone, the day (what is late changes at midnight), the address with its query string, and
the code and settings that drew it (a deployment never serves a page drawn by the code before
it). Each entry is the reader's own: nothing drawn for one person is shown to another.

A form's CSRF token is not kept: the part is drawn with a random placeholder in its place, and
each visit puts the reader's current token there.
"""

import functools
import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from redis.exceptions import RedisError

from common import clock

logger = logging.getLogger(__name__)

CACHE = "pages"
CODE_SUFFIXES = {".py", ".html", ".txt", ".mo"}
PLAIN_SETTING = (str, int, float, bool, type(None), date, datetime, Path)


def kept(request, depends_on: tuple, draw: Callable[[str], str]) -> SafeString:
    """The HTML that `draw(csrf_token)` writes for this request, drawn once per key.

    `depends_on` must name every input of the drawing beyond what this module adds; values are
    written with repr(), so they must be plain (numbers, strings, booleans, dates).
    """
    key = _key(request, depends_on)
    cache = caches[CACHE]
    entry = _unless_away(cache.get, key)
    if entry is None:
        placeholder = secrets.token_urlsafe(24)
        entry = (placeholder, str(draw(placeholder)))
        _unless_away(cache.set, key, entry, settings.PAGE_CACHE_SECONDS)
    placeholder, html = entry
    # Drawn by a template, which escaped what it had to; the token is letters and digits.
    return mark_safe(html.replace(placeholder, get_token(request)))


def _unless_away(operation, *args):
    """The cache's answer, or None when it is away: the page is then drawn on every visit (as
    slow as before, never an error page), and the visit waits at most the cache's timeout."""
    try:
        return operation(*args)
    except RedisError:
        logger.warning("The page cache is away; pages are drawn on every visit", exc_info=True)
        return None


def _key(request, depends_on: tuple) -> str:
    inputs = (
        code_stamp(),
        request.user.pk,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        clock.today().isoformat(),
        request.get_full_path(),
        *depends_on,
    )
    return "page:" + digest(inputs)


def digest(values) -> str:
    """A short fingerprint of plain values (numbers, strings, dates and tuples of them)."""
    return hashlib.sha256(repr(values).encode()).hexdigest()


@functools.cache
def code_stamp() -> str:
    """The deployment's fingerprint, worked out once per process."""
    return deployment_fingerprint()


def deployment_fingerprint() -> str:
    """What changes with a deployment: the code, templates and catalogues (by path, size and
    time of change) and the plain settings (the environment reaches them)."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR).resolve()
    # The project's packages (its apps and config) and the folders of templates and catalogues.
    folders = {path for path in root.iterdir() if (path / "__init__.py").is_file()}
    folders.update(Path(folder).resolve() for folder in settings.LOCALE_PATHS)
    for engine in settings.TEMPLATES:
        folders.update(Path(folder).resolve() for folder in engine.get("DIRS", []))
    for folder in sorted(f for f in folders if f.is_relative_to(root)):
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns};".encode()
                )
    for name in sorted(dir(settings)):
        value = getattr(settings, name, None)
        if name.isupper() and isinstance(value, PLAIN_SETTING):
            digest.update(f"{name}={value!r};".encode())
    return digest.hexdigest()
