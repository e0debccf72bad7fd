"""Parts of pages kept between visits, under a key that changes with everything they show.

Nothing is ever invalidated: a key names all a part depends on, so a changed input is a new key
and the old entry simply expires. The caller names its data (e.g. a project's revision, which
the database renews on every change: common.touches) and what the reader may do there; this
module adds the rest of what a drawing depends on: the reader, their language and time zone,
the day (what is late changes at midnight), the address, and the code, libraries and settings
that drew it (a deployment never serves a page drawn by the code before it). Each entry is the
reader's own: nothing drawn for one person is shown to another.

Only an address without a query string, written as the site writes it, is kept: a filter, a
page number or a number written with leading zeros has countless variants, and keeping each
would let anyone fill the cache. A part that reads nothing of the query string is kept under
its path alone. Entries are compressed (a project's
page of 90 KB keeps in about 10 KB) and expire after PAGE_CACHE_SECONDS.

A form's CSRF token is not kept: the part is drawn with a random placeholder in its place, and
each visit puts the reader's current token there.
"""

import functools
import hashlib
import logging
import secrets
import zlib
from collections.abc import Callable
from datetime import date, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from redis.exceptions import RedisError

from common import clock

logger = logging.getLogger(__name__)

CACHE = "pages"
CODE_SUFFIXES = {".py", ".html", ".txt", ".mo"}
PLAIN_SETTING = (str, int, float, bool, type(None), date, datetime, Path)


def kept(
    request,
    depends_on: Callable[[], tuple],
    draw: Callable[[str], str],
    *,
    reads_query: bool = True,
) -> SafeString:
    """The HTML that `draw(csrf_token)` writes for this request, drawn once per key.

    `depends_on()` must name every input of the drawing beyond what this module adds, as plain
    values (numbers, strings, booleans, dates: they are written with repr()). It is asked again
    after drawing, and the drawing is kept only if nothing changed meanwhile: a change committed
    between the two reads may be in the drawing, which must not be kept under the older key.

    A part that reads nothing of the query string (`reads_query=False`) is kept whatever the
    address carries after its path; the key holds the path alone.
    """
    if (reads_query and request.META.get("QUERY_STRING")) or (
        request.path != _canonical_path(request)
    ):
        return mark_safe(str(draw(get_token(request))))  # a template's output, escaped
    inputs = depends_on()
    key = _key(request, inputs)
    cache = caches[CACHE]
    entry = _unless_away(cache.get, key)
    if entry is None:
        placeholder = secrets.token_urlsafe(24)
        html = str(draw(placeholder))
        entry = (placeholder, zlib.compress(html.encode(), level=1))
        if depends_on() == inputs:
            _unless_away(cache.set, key, entry, settings.PAGE_CACHE_SECONDS)
    placeholder, compressed = entry
    html = zlib.decompress(compressed).decode()
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


def _canonical_path(request) -> str:
    """The address as the site writes it: `/projects/0005/` reaches the page of project 5 but
    is not kept, or every spelling of a number would be an entry of its own."""
    match = request.resolver_match
    return reverse(match.view_name, args=match.args, kwargs=match.kwargs)


def _key(request, depends_on: tuple) -> str:
    inputs = (
        code_stamp(),
        request.user.pk,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        clock.today().isoformat(),
        request.path,
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
    time of change), the installed libraries with their versions, and the plain settings (the
    environment reaches them)."""
    fingerprint = hashlib.sha256()
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
                fingerprint.update(
                    f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns};".encode()
                )
    libraries = sorted((d.metadata["Name"] or "", d.version) for d in metadata.distributions())
    fingerprint.update(repr(libraries).encode())
    for name in sorted(dir(settings)):
        value = getattr(settings, name, None)
        if name.isupper() and isinstance(value, PLAIN_SETTING):
            fingerprint.update(f"{name}={value!r};".encode())
    return fingerprint.hexdigest()
