"""An event's online sign-in: a public page, reached by an unguessable link or its QR code,
where people who came sign themselves in without an account. It adds them to the meeting as
attending guests; it lists nobody; it is open while the coordinator keeps it open and only on
the event's days, as Brussels counts them; guessed links are limited per client, sign-ins per
client on the link and per link."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from common.mail_limits import parse_rate
from common.text import Folded, fold
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
    """Count a guessed link from this client. Opening the right link is not counted, and
    signing in through it counts apart (client_on_link_allowed): a room signing in behind one
    venue's address would otherwise run out."""
    return within_limit("client", client, settings.EVENT_SIGN_IN_LIMIT_PER_CLIENT)


def client_on_link_allowed(client: str, token: str) -> bool:
    """Count a sign-in from this client through this link: high enough for a venue's Wi-Fi
    (docs/security.md), low enough that one machine cannot fill the list alone."""
    return within_limit(
        "client-on-link", f"{client} {token}", settings.EVENT_SIGN_IN_LIMIT_PER_CLIENT_ON_LINK
    )


def link_allowed(token: str) -> bool:
    """Sign-ins through one link: a leaked link cannot flood the list."""
    return within_limit("link", token, settings.EVENT_SIGN_IN_LIMIT_PER_LINK)


def already_listed(meeting: Meeting, *, name: str, organisation_name: str, email: str = ""):
    """The guest of the meeting this person already is: the same name (common.text.fold: case,
    accents and spaces aside) and the same organisation or e-mail. Never the e-mail alone: the
    public page would then tell anyone who typed an address whether its owner is invited."""
    same_place = Q(folded_organisation=fold(organisation_name))
    if email:
        same_place |= Q(email__iexact=email)
    same = Q(folded_name=fold(name)) & same_place
    return (
        Guest.objects.select_for_update()
        .filter(meeting=meeting, erased=False)
        .annotate(folded_name=Folded("name"), folded_organisation=Folded("organisation_name"))
        .filter(same)
        .order_by("pk")
        .first()
    )


@dataclass(frozen=True)
class SignedIn:
    guest: Guest
    already_listed: bool  # the person was on the list before: nobody was added


@transaction.atomic
def sign_in_guest(*, sign_in: OnlineSignIn, day: date, **values) -> SignedIn:
    """Add the person to the event's participants, as attending. `values`: name,
    organisation_name, country, type, email, email_consent.

    Someone already on the list (invited by the coordinator, or signing in a second time) is
    marked as attending and not added again: a second row would count them twice."""
    if not is_open_on(sign_in, day):
        raise ValidationError(_("The sign-in for this event is closed."))
    guest = Guest(meeting=sign_in.meeting, attended=True, signed_in_online=True, **values)
    guest.full_clean()
    listed = already_listed(
        sign_in.meeting,
        name=guest.name,
        organisation_name=guest.organisation_name,
        email=guest.email,
    )
    if listed is not None:
        if not listed.attended:
            # Marked as signed in online, so the coordinator tells it from their own marking.
            listed.attended = listed.signed_in_online = True
            listed.save(update_fields=["attended", "signed_in_online", "updated_at"])
        return SignedIn(listed, already_listed=True)
    guest.save()
    return SignedIn(guest, already_listed=False)
