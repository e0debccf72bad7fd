"""How many took part in a meeting, as the grant counts them: the one place the meeting page,
the API and the attendance evidence read the numbers from.

A multiplier event is paid per eligible participant: someone who came and does not work for
one of the project's partners; local when they came from the event's country, international
otherwise. Partner staff are the meeting's participants (people of the partners); outside
people are its guests, unless a guest names a partner organisation as theirs (someone of a
partner who signed in online), who is then not eligible either."""

from dataclasses import dataclass

from projects.models import Partnership

from .models import Guest, Meeting, Participation


@dataclass(frozen=True)
class ParticipantCounts:
    expected: int  # on the list: the partners' people invited and the guests
    attended: int
    eligible: int  # attended, from outside the partner organisations
    local: int  # eligible, from the event's country
    international: int  # eligible, from another country


def normalised(name: str) -> str:
    return " ".join(name.casefold().split())


def names_of(organisations) -> set[str]:
    """The names, long and short, of organisations, normalised."""
    return {
        normalised(name)
        for organisation in organisations
        for name in (organisation.name, organisation.short_name)
        if name
    }


def partner_names(project_id: int | None) -> set[str]:
    """The names of the project's partner organisations, normalised."""
    if project_id is None:
        return set()
    partnerships = Partnership.objects.filter(project_id=project_id).select_related("organisation")
    return names_of(p.organisation for p in partnerships)


def is_eligible(guest: Guest, partners: set[str]) -> bool:
    return guest.attended and normalised(guest.organisation_name) not in partners


def count_participants(
    meeting: Meeting,
    *,
    participations: list[Participation] | None = None,
    guests: list[Guest] | None = None,
    partners: set[str] | None = None,
) -> ParticipantCounts:
    """The counts of one meeting. Rows already read (the page's lists, the API's prefetch)
    are passed in, so that counting asks nothing more of the database."""
    if participations is None:
        participations = list(Participation.objects.filter(meeting=meeting))
    if guests is None:
        guests = list(meeting.guests.all())
    if partners is None:
        partners = partner_names(meeting.project_id)
    eligible = [guest for guest in guests if is_eligible(guest, partners)]
    local = sum(1 for guest in eligible if meeting.country and guest.country == meeting.country)
    return ParticipantCounts(
        expected=len(participations) + len(guests),
        attended=sum(p.attended for p in participations) + sum(g.attended for g in guests),
        eligible=len(eligible),
        local=local,
        international=len(eligible) - local,
    )
