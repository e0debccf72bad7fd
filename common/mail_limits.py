"""Limits on the e-mails anyone may have the tracker send (a subscription's confirmation, a
password reset link): so many per address and so many per client in a period, counted in the
cache shared by every process.

A limit is checked before anything else happens, and in the same way whether the address is
known or not, so the answer tells nothing about who has an account or a subscription.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'3/hour' → (3, 3600): how many in how many seconds."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip().rstrip("s")]


def client_of(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def allow_mail(flow: str, *, address: str, client: str) -> bool:
    """Count one request of `flow` from `client` for `address`; False when it goes over the
    limit per client (MAIL_LIMIT_PER_CLIENT) or per address (MAIL_LIMIT_PER_ADDRESS).

    The client is counted first, and an address only for a request its client may make: a
    client refused for sending too many cannot use up someone else's address.
    """
    return _within(flow, "client", client, settings.MAIL_LIMIT_PER_CLIENT) and _within(
        flow, "address", address.strip().lower(), settings.MAIL_LIMIT_PER_ADDRESS
    )


def _within(flow: str, kind: str, value: str, rate: str) -> bool:
    limit, seconds = parse_rate(rate)
    # Hashed: the cache holds no addresses, and keys stay short and plain.
    key = f"mail-limit:{flow}:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, seconds)  # the period starts with the first request
    try:
        count = cache.incr(key)
    except ValueError:  # the period ended between add and incr
        cache.set(key, count := 1, seconds)
    return count <= limit


def too_many_mails() -> str:
    return _(
        "We have already sent several e-mails for this address or from your connection. "
        "Check your mailbox (and its spam folder), or try again later."
    )
