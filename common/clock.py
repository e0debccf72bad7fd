"""The product's idea of today: every page, reminder, newsletter and API answer asks here.

A demo instance sets DEMO_TODAY to a day of its data's world (the demo is the autumn of 2018),
so that deadlines read "in 5 days" rather than "2922 days late"; the pages say so in a banner.
Recorded instants (when something was approved, sent or claimed) stay the real time.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone


def today() -> date:
    """The demo day when one is set, otherwise the current date in TIME_ZONE."""
    return settings.DEMO_TODAY or timezone.localdate()


def demo_today() -> date | None:
    """The day the demo runs on, or None on a real instance."""
    return settings.DEMO_TODAY


def today_of(context: dict) -> date:
    """today(), asked once per answer: a serializer's context keeps it for every row."""
    if "today" not in context:
        context["today"] = today()
    return context["today"]
