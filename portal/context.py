from common import clock
from projects import access

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
