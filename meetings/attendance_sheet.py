"""A meeting's attendance sheet as a printable PDF (A4): the EU emblem and acknowledgement,
the project, the meeting, its agenda, one line per expected participant and blank lines for
those who come unannounced, with their type and a column to sign on each of the meeting's days
(up to DAY_COLUMNS; a longer meeting has one column and a note). The emblem, the meeting and
its dates head every page, so that a loose page still says what it proves. Signed and scanned,
it is the evidence the grant asks for (meetings.signed_sheets keeps the scan)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .eu_emblem import emblem_svg
from .models import Guest, Meeting, Participation

BLANK_LINES = 12
# Beyond this many days the columns would be too narrow to sign in: one column instead.
DAY_COLUMNS = 5
# More day columns than this turn the page to landscape.
PORTRAIT_DAYS = 2


@dataclass(frozen=True)
class SheetLine:
    name: str
    organisation: str
    country: str
    type: str


def signing_days(meeting: Meeting) -> list[date]:
    """One signature column per day of the meeting, or none (a single column) when it lasts
    one day, more than DAY_COLUMNS days, or its dates are not confirmed."""
    if not meeting.dates_confirmed:
        return []
    days = (meeting.end_date - meeting.start_date).days + 1
    if days == 1 or days > DAY_COLUMNS:
        return []
    return [meeting.start_date + timedelta(days=n) for n in range(days)]


def expected_lines(meeting: Meeting, *, with_guests: bool) -> list[SheetLine]:
    """The partners' people invited, then the guests (left out, as blank lines, for a reader
    who may not see outside people's details; erased guests are never printed)."""
    participations = (
        Participation.objects.filter(meeting=meeting)
        .select_related("person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    staff = str(Guest.Type.STAFF.label)  # the partners' people: their staff
    lines = [
        SheetLine(
            p.person.full_name,
            p.person.organisation.name,
            p.person.organisation.country.name,
            staff,
        )
        for p in participations
    ]
    if with_guests:
        lines += [
            SheetLine(g.name, g.organisation_name, g.country.name, g.get_type_display())
            for g in meeting.guests.filter(erased=False).order_by("name", "pk")
        ]
    return lines


def attendance_sheet_pdf(meeting: Meeting, *, language: str, with_guests: bool) -> bytes:
    """The sheet in `language`; every text that came from a person is escaped by the template."""
    with translation.override(language):
        lines = expected_lines(meeting, with_guests=with_guests)
        days = signing_days(meeting)
        page = render_to_string(
            "meetings/attendance_sheet.html",
            {
                "meeting": meeting,
                "project": meeting.project,
                "lines": lines,
                "blank_lines": range(len(lines) + 1, len(lines) + 1 + BLANK_LINES),
                "emblem": mark_safe(emblem_svg()),  # computed figures only: nothing to escape
                "language": language,
                "days": days,
                "one_column_for_many_days": not days and meeting.start_date != meeting.end_date,
                "landscape": len(days) > PORTRAIT_DAYS,
                "types": " · ".join(str(label) for label in Guest.Type.labels),
            },
        )
    # WeasyPrint loads its fonts on import: only when a sheet is printed, not in every process
    # that loads the site's URLs (a reminder run's links, a worker's first task).
    from weasyprint import HTML

    return HTML(string=page, url_fetcher=fetch_nothing).write_pdf()


def fetch_nothing(url: str, *args, **kwargs):
    """The sheet is self-contained (inline SVG, system fonts): a URL typed into a meeting's
    agenda or a participant's name never makes the server fetch anything."""
    raise ValueError(f"The attendance sheet fetches nothing; refused {url!r}.")
