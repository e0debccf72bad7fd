"""An event's online sign-in: a public page, reached by an unguessable link or its QR code,
where people who came sign themselves in without an account. It adds them to the meeting as
attending guests; it lists nobody; it is open while the coordinator keeps it open and only on
the event's days, as Brussels counts them; guessed links and sign-ins are limited per client,
sign-ins per link."""

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.mail_limits import parse_rate
from projects import access

from .models import Guest, Meeting, OnlineSignIn

BRUSSELS = ZoneInfo("Europe/Brussels")


def event_day(now: datetime) -> date:
    """The calendar day in Brussels: the programme's clock, whatever the server's."""
    return now.astimezone(BRUSSELS).date()


def sign_in_day(now: datetime) -> date:
    """The day the window is judged on: a demo's own day (DEMO_TODAY, as every page reads the
    demo), otherwise the calendar day in Brussels."""
    return settings.DEMO_TODAY or event_day(now)


def is_open_on(sign_in: OnlineSignIn, day: date) -> bool:
    """Open: kept open, dates confirmed, and `day` one of the event's days."""
    meeting = sign_in.meeting
    return (
        sign_in.is_open
        and meeting.dates_confirmed
        and meeting.start_date <= day <= meeting.end_date
    )


def check_language(language: str) -> str:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("The sign-in page speaks one of: %(languages)s.")
            % {"languages": ", ".join(code for code, _name in settings.LANGUAGES)}
        )
    return language


@transaction.atomic
def open_sign_in(*, meeting: Meeting, opened_by, language: str) -> OnlineSignIn:
    """Open (or reopen) the event's sign-in page, in `language`; the link stays the same."""
    if not access.may_run_project(opened_by, meeting.project_id):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator open the sign-in.")
        )
    if meeting.project_id is None:
        raise ValidationError(_("Online sign-in is for a project's meetings and events."))
    check_language(language)
    sign_in, _created = OnlineSignIn.objects.select_for_update().get_or_create(meeting=meeting)
    sign_in.is_open, sign_in.language = True, language
    sign_in.save(update_fields=["is_open", "language"])
    return sign_in


@transaction.atomic
def close_sign_in(*, meeting: Meeting, closed_by) -> None:
    if not access.may_run_project(closed_by, meeting.project_id):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator close the sign-in.")
        )
    OnlineSignIn.objects.filter(meeting=meeting).update(is_open=False)


def limit_key(kind: str, value: str) -> str:
    # Hashed: the cache holds no addresses or links, and keys stay short and plain.
    return f"event-sign-in:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def within_limit(kind: str, value: str, rate: str) -> bool:
    """Count one request; False once `rate` ('30/hour') is exceeded. Shared by every process
    through the cache."""
    limit, seconds = parse_rate(rate)
    key = limit_key(kind, value)
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the period ended between add and incr
        cache.set(key, count := 1, seconds)
    return count <= limit


def client_blocked(client: str) -> bool:
    """Whether the client has used up its requests: then even the right link waits."""
    limit, _seconds = parse_rate(settings.EVENT_SIGN_IN_LIMIT_PER_CLIENT)
    return cache.get(limit_key("client", client), 0) >= limit


def client_allowed(client: str) -> bool:
    """Count a guessed link or a sign-in from this client. Opening the right link is not
    counted: a room signing in behind one venue's address would otherwise run out."""
    return within_limit("client", client, settings.EVENT_SIGN_IN_LIMIT_PER_CLIENT)


def link_allowed(token: str) -> bool:
    """Sign-ins through one link: a leaked link cannot flood the list."""
    return within_limit("link", token, settings.EVENT_SIGN_IN_LIMIT_PER_LINK)


@transaction.atomic
def sign_in_guest(*, sign_in: OnlineSignIn, day: date, **values) -> Guest:
    """Add the person to the event's participants, as attending. `values`: name,
    organisation_name, country, type, email, email_consent."""
    if not is_open_on(sign_in, day):
        raise ValidationError(_("The sign-in for this event is closed."))
    guest = Guest(meeting=sign_in.meeting, attended=True, signed_in_online=True, **values)
    guest.full_clean()
    guest.save()
    return guest
