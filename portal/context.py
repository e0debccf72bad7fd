from common import clock
from projects import access

from .notices import unread_count
from .search import MAX_LENGTH as SEARCH_MAX_LENGTH


def navigation(request) -> dict:
    """What the page header needs to know about the reader."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"reader_is_officer": False}
    return {"reader_is_officer": access.is_officer(user), "search_max_length": SEARCH_MAX_LENGTH}


def demo_clock(request) -> dict:
    """The demo's day, for the banner that says the pages are not on today's date."""
    return {"demo_today": clock.demo_today()}


def notices(request) -> dict:
    """The reader's unread notices, counted when a page shows them, once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        if not hasattr(request, "unread_notices"):
            request.unread_notices = unread_count(user)
        return request.unread_notices

    return {"unread_notices": count}
