"""How many took part in each meeting, as the grant counts them: the views the meeting page,
the API, the grant's earnings and the reports read the numbers from (participant_counts.py).

A multiplier event is paid per eligible participant: someone who came and does not work for
one of the project's partners; local when they came from the event's country, international
otherwise. Partner staff are the meeting's participants (people of the partners); outside
people are its guests, unless a guest names a partner organisation as theirs (by its name or
short name, whatever the case, accents or spaces around it: someone of a partner who signed in
online), or whom the coordinator marked as from a partner (Guest.from_partner: a partner's name
typed another way), who is then not eligible either.
"""

from common.db_views import View
from common.text import FUNCTION_NAME as FOLD
from partners.models import Organisation
from projects.models import Partnership

from .models import Guest, Meeting, MeetingCounts, Participation

MEETING = Meeting._meta.db_table
GUEST = Guest._meta.db_table
INVITED = Participation._meta.db_table
PARTNERSHIP = Partnership._meta.db_table
ORGANISATION = Organisation._meta.db_table

ELIGIBLE_GUESTS = View(
    name="meetings_eligible_guest",
    select=f"""
    SELECT g.id, g.meeting_id, (g.country <> '' AND g.country = m.country) AS local
    FROM {GUEST} g JOIN {MEETING} m ON m.id = g.meeting_id
    WHERE g.attended AND NOT g.from_partner AND NOT EXISTS (
        SELECT 1 FROM {PARTNERSHIP} pp JOIN {ORGANISATION} o ON o.id = pp.organisation_id
        WHERE pp.project_id = m.project_id
            AND {FOLD}(g.organisation_name) IN ({FOLD}(o.name), {FOLD}(o.short_name))
    )""",
    reads=(GUEST, MEETING, PARTNERSHIP, ORGANISATION),
)

# Each figure a subquery of its own: a page of meetings joins the view, and PostgreSQL counts
# for the rows it returns only.
COUNTS = View(
    name=MeetingCounts._meta.db_table,
    select=f"""
    SELECT m.id AS meeting_id,
        (SELECT COUNT(*) FROM {INVITED} p WHERE p.meeting_id = m.id) AS people,
        (SELECT COUNT(*) FROM {INVITED} p WHERE p.meeting_id = m.id AND p.attended)
            AS people_attended,
        (SELECT COUNT(*) FROM {GUEST} g WHERE g.meeting_id = m.id) AS guests,
        (SELECT COUNT(*) FROM {GUEST} g WHERE g.meeting_id = m.id AND g.attended)
            AS guests_attended,
        (SELECT COUNT(*) FROM {ELIGIBLE_GUESTS.name} e WHERE e.meeting_id = m.id) AS eligible,
        (SELECT COUNT(*) FROM {ELIGIBLE_GUESTS.name} e WHERE e.meeting_id = m.id AND e.local)
            AS local
    FROM {MEETING} m""",
    reads=(MEETING, INVITED, GUEST, ELIGIBLE_GUESTS.name),
)

VIEWS = [ELIGIBLE_GUESTS, COUNTS]
