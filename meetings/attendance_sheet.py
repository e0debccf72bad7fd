"""A meeting's attendance sheet as a printable PDF (A4): the EU emblem and acknowledgement,
the project, the meeting, its agenda, one line per expected participant and blank lines for
those who come unannounced, with a column to sign. Signed and scanned, it is the evidence the
grant asks for (meetings.signed_sheets keeps the scan)."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import HTML

from .eu_emblem import emblem_svg
from .models import Meeting, Participation

BLANK_LINES = 12


@dataclass(frozen=True)
class SheetLine:
    name: str
    organisation: str
    country: str


def expected_lines(meeting: Meeting, *, with_guests: bool) -> list[SheetLine]:
    """The partners' people invited, then the guests (left out, as blank lines, for a reader
    who may not see outside people's details; erased guests are never printed)."""
    participations = (
        Participation.objects.filter(meeting=meeting)
        .select_related("person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    lines = [
        SheetLine(
            p.person.full_name, p.person.organisation.name, p.person.organisation.country.name
        )
        for p in participations
    ]
    if with_guests:
        lines += [
            SheetLine(g.name, g.organisation_name, g.country.name)
            for g in meeting.guests.filter(erased=False).order_by("name", "pk")
        ]
    return lines


def attendance_sheet_pdf(meeting: Meeting, *, language: str, with_guests: bool) -> bytes:
    """The sheet in `language`; every text that came from a person is escaped by the template."""
    with translation.override(language):
        lines = expected_lines(meeting, with_guests=with_guests)
        page = render_to_string(
            "meetings/attendance_sheet.html",
            {
                "meeting": meeting,
                "project": meeting.project,
                "lines": lines,
                "blank_lines": range(len(lines) + 1, len(lines) + 1 + BLANK_LINES),
                "emblem": mark_safe(emblem_svg()),  # computed figures only: nothing to escape
                "language": language,
            },
        )
    return HTML(string=page, url_fetcher=fetch_nothing).write_pdf()


def fetch_nothing(url: str, *args, **kwargs):
    """The sheet is self-contained (inline SVG, system fonts): a URL typed into a meeting's
    agenda or a participant's name never makes the server fetch anything."""
    raise ValueError(f"The attendance sheet fetches nothing; refused {url!r}.")
