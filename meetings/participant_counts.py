"""How many took part in a meeting, as the grant counts them: the one place the meeting page,
the API and the attendance evidence read the numbers from.

A multiplier event is paid per eligible participant: someone who came and does not work for
one of the project's partners; local when they came from the event's country, international
otherwise. Partner staff are the meeting's participants (people of the partners); outside
people are its guests, unless a guest names a partner organisation as theirs (by its name or
short name, whatever the case or the spaces around it: someone of a partner who signed in
online), or whom the coordinator marked as from a partner (Guest.from_partner: a partner's name
typed another way), who is then not eligible either.

The counts are annotations of the meetings' own query, so that a list of any length costs no
query more."""

import functools
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from common.text import Folded
from projects.models import Partnership

from .models import Guest, Meeting, Participation


@dataclass(frozen=True)
class ParticipantCounts:
    expected: int  # on the list: the partners' people invited and the guests
    attended: int
    eligible: int  # attended, from outside the partner organisations
    local: int  # eligible, from the event's country
    international: int  # eligible, from another country


def _count(rows: QuerySet):
    counted = rows.order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_participant_counts(meetings: QuerySet) -> QuerySet:
    """The meetings with their counts annotated (read them with counts_of)."""
    return meetings.annotate(**count_expressions())


@functools.cache
def count_expressions() -> dict:
    """The six counts as expressions, built once: building their subqueries cost more than
    compiling them, on every list of meetings. Django copies an expression to resolve it
    against a query, so the same ones serve every query."""
    people = Participation.objects.filter(meeting=OuterRef("pk"))
    guests = Guest.objects.filter(meeting=OuterRef("pk"))
    from_a_partner = Exists(
        Partnership.objects.filter(project_id=OuterRef(OuterRef("project_id")))
        .annotate(
            long_name=Folded("organisation__name"), short_name=Folded("organisation__short_name")
        )
        .filter(
            Q(long_name=Folded(OuterRef("organisation_name")))
            | Q(short_name=Folded(OuterRef("organisation_name")))
        )
    )
    eligible = guests.filter(attended=True, from_partner=False).exclude(from_a_partner)
    return {
        "n_people": _count(people),
        "n_people_attended": _count(people.filter(attended=True)),
        "n_guests": _count(guests),
        "n_guests_attended": _count(guests.filter(attended=True)),
        "n_eligible": _count(eligible),
        "n_local": _count(eligible.filter(country=OuterRef("country")).exclude(country="")),
    }


def counts_of(meeting: Meeting) -> ParticipantCounts:
    """The counts of a meeting read through with_participant_counts."""
    return ParticipantCounts(
        expected=meeting.n_people + meeting.n_guests,
        attended=meeting.n_people_attended + meeting.n_guests_attended,
        eligible=meeting.n_eligible,
        local=meeting.n_local,
        international=meeting.n_eligible - meeting.n_local,
    )


def count_participants(meeting: Meeting) -> ParticipantCounts:
    """The counts of one meeting, in one query."""
    return counts_of(with_participant_counts(Meeting.objects.filter(pk=meeting.pk)).get())
