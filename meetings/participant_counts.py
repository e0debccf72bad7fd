"""How many took part in a meeting, as the grant counts them: the one place the meeting page,
the API, the grant's earnings and the reports read the numbers from.

The counting itself is the database's (the views of db_views.py, which say who is eligible):
a list of meetings joins one row of counts per meeting, so that a list of any length costs no
query more, and no subquery is built and compiled again for each request."""

from dataclasses import dataclass

from django.db.models import F, QuerySet

from .models import Meeting, MeetingCounts


@dataclass(frozen=True)
class ParticipantCounts:
    expected: int  # on the list: the partners' people invited and the guests
    attended: int
    eligible: int  # attended, from outside the partner organisations
    local: int  # eligible, from the event's country
    international: int  # eligible, from another country


COLUMNS = ("people", "people_attended", "guests", "guests_attended", "eligible", "local")


def with_participant_counts(meetings: QuerySet) -> QuerySet:
    """The meetings with their counts read in the same query, as columns of the meeting
    (read them with counts_of): cheaper per row than a model instance of counts for each."""
    return meetings.annotate(**{f"counts_{name}": F(f"counts__{name}") for name in COLUMNS})


def counts_of(meeting: Meeting) -> ParticipantCounts:
    """The counts of a meeting read through with_participant_counts."""
    return from_columns(*(getattr(meeting, f"counts_{name}") for name in COLUMNS))


def count_participants(meeting: Meeting) -> ParticipantCounts:
    """The counts of one meeting, in one query."""
    return from_columns(*MeetingCounts.objects.values_list(*COLUMNS).get(meeting_id=meeting.pk))


def from_columns(people, people_attended, guests, guests_attended, eligible, local):
    return ParticipantCounts(
        expected=people + guests,
        attended=people_attended + guests_attended,
        eligible=eligible,
        local=local,
        international=eligible - local,
    )
