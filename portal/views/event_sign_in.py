"""The public sign-in page of an event, reached by its link or QR code, without an account.

What it guards against, since anyone may open it: a guessed link counts against the client's
limit, so guessing links is slow (and a link is 43 random characters); sign-ins count against
the client's limit on that link (high: a whole venue may sign in from one address) and the
link's own; the form carries a CSRF token; the page names no one, not
even the person who just signed in; outside the event's days, or once closed, it says so and
accepts nothing; what it accepts is stored as text and escaped by every template that shows
it."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from common.mail_limits import client_of
from meetings.event_sign_in import (
    client_allowed,
    client_blocked,
    client_on_link_allowed,
    is_open_on,
    link_allowed,
    sign_in_day,
    sign_in_guest,
)
from meetings.models import OnlineSignIn

from ..forms.meeting_evidence import EventSignInForm
from .meetings import save_or_show_errors


def page(request, sign_in, *, form=None, state="form", status=200):
    return render(
        request,
        "portal/event_sign_in.html",
        {"sign_in": sign_in, "meeting": sign_in and sign_in.meeting, "form": form, "state": state},
        status=status,
    )


def page_language(request, sign_in) -> str:
    """The language the visitor chose with the page's switcher (its cookie), otherwise the
    event's: every language offered has the consent text in its catalogue."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else sign_in.language


def closed_state(sign_in, day) -> str:
    """Why the page accepts nothing: the event is over, not begun yet, or closed."""
    meeting = sign_in.meeting
    if meeting.dates_confirmed and day > meeting.end_date:
        return "over"
    if sign_in.is_open and day < meeting.start_date:
        return "not_yet"
    return "closed"


@never_cache
@csrf_protect
def event_sign_in(request, token: str):
    client = client_of(request)
    if client_blocked(client):
        return page(request, None, state="too_many", status=429)
    sign_in = OnlineSignIn.objects.select_related("meeting__project").filter(token=token).first()
    if sign_in is None:
        client_allowed(client)  # a guess: counted
        raise Http404
    # The event's language unless the visitor switched: they agree to a consent they can read.
    language = page_language(request, sign_in)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        day = sign_in_day(timezone.now())
        if not is_open_on(sign_in, day):
            state = closed_state(sign_in, day)
            return page(request, sign_in, state=state, status=403 if request.POST else 200)
        form = EventSignInForm(request.POST or None)
        if request.method != "POST":
            return page(request, sign_in, form=form)
        if not (client_on_link_allowed(client, sign_in.token) and link_allowed(sign_in.token)):
            return page(request, sign_in, state="too_many", status=429)
        signed_in = form.is_valid() and save_or_show_errors(
            form, lambda: sign_in_guest(sign_in=sign_in, day=day, **form.values())
        )
        if signed_in:
            return page(request, sign_in, state="already" if signed_in.already_listed else "done")
        return page(request, sign_in, form=form, status=400)
