"""The newsletter's sentences, composed from the facts in the reader's language: which meeting
took place when and where, who hosted it, who a project gathers and where. Each sentence is
one message of the catalogues, so translators write it whole, agreements included."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from meetings.models import Meeting

from . import grammar, writing

# The sentence that reports a meeting, by kind; the n-th counts transnational project meetings
# only, every other kind is named as what it is.
HELD = {
    Meeting.Kind.TRANSNATIONAL: lambda: _(
        "The %(nth)s coordination meeting of the project took place %(when)s%(where)s"
    ),
    Meeting.Kind.KICK_OFF: lambda: _(
        "The kick-off meeting of the project took place %(when)s%(where)s"
    ),
    Meeting.Kind.TRAINING: lambda: _(
        "The training activity “%(title)s” took place %(when)s%(where)s"
    ),
    Meeting.Kind.MULTIPLIER: lambda: _(
        "The multiplier event “%(title)s” took place %(when)s%(where)s"
    ),
}


def when(meeting: Meeting) -> str:
    return writing.when(
        meeting.start_date, meeting.end_date, month_only=not meeting.dates_confirmed
    )


def place_label(meeting: Meeting) -> str:
    """An agenda line's place: Meeting.place, as every other reader writes it."""
    return meeting.place


def agenda_title(meeting: Meeting) -> str:
    """A meeting's title on the agenda, saying which project it belongs to."""
    project = meeting.project
    if project is None or re.search(rf"\b{re.escape(project.acronym)}\b", meeting.title):
        return meeting.title
    return f"{project.acronym} – {meeting.title}"


def where(meeting: Meeting, *, host: str = "") -> str:
    """' in Marseille', ' online', ' in Brussels (Square Meeting Centre)', ' in France', or
    nothing: the place inside a sentence, with its leading space."""
    language = writing.language()
    if meeting.is_online:
        return " " + _("online")
    venue = meeting.venue
    if venue and (grammar.contains(venue, host) or grammar.contains(host, venue)):
        venue = ""  # the host says it already
    if meeting.city:
        text = _("in %(city)s") % {"city": meeting.city}
        if venue and not grammar.contains(venue, meeting.city):
            text += f" ({venue})"
        elif venue:
            text = _("at %(venue)s") % {"venue": venue}
        return " " + text
    if venue:
        return " " + _("at %(venue)s") % {"venue": venue}
    if meeting.country:
        return " " + grammar.in_countries([meeting.country.code], language, writing.listing)
    return ""


def held_sentence(meeting: Meeting, ordinal: int | None) -> str:
    host = meeting.host_organisation.name if meeting.host_organisation_id else ""
    message = HELD.get(
        meeting.kind, lambda: _("The meeting “%(title)s” took place %(when)s%(where)s")
    )
    values = {"when": when(meeting), "where": where(meeting, host=host), "title": meeting.title}
    if meeting.kind == Meeting.Kind.TRANSNATIONAL:
        values["nth"] = writing.ordinal(ordinal or 1)
    text = message() % values
    if host and not meeting.is_online:
        hosted = (
            pgettext("a multiplier event", "hosted %(by)s")
            if meeting.kind == Meeting.Kind.MULTIPLIER
            else pgettext("a meeting", "hosted %(by)s")
        )
        text += ", " + hosted % {"by": grammar.by_organisation(host, writing.language())}
    return text + "."


def partners_sentence(launch) -> str:
    """'It is coordinated by X (France) and gathers eight other partners in …'."""
    language = writing.language()
    parts = []
    if launch.coordinator is not None:
        organisation = launch.coordinator
        by = grammar.by_organisation(organisation.name, language)
        country = grammar.country_name(organisation.country.code, language)
        parts.append(_("The project is coordinated %(by)s (%(country)s).")
                     % {"by": by, "country": country})  # fmt: skip
    if launch.other_partners:
        countries = grammar.in_countries(launch.countries, language, writing.listing)
        parts.append(
            ngettext(
                "It gathers %(n)s other partner %(countries)s.",
                "It gathers %(n)s other partners %(countries)s.",
                launch.other_partners,
            )
            % {"n": writing.number(launch.other_partners), "countries": countries}
        )
    return " ".join(parts)


def due(deliverable) -> str:
    return _("due %(date)s") % {"date": writing.day(deliverable.due_date)}
