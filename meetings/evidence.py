"""What a held meeting lacks as evidence of having taken place: the one predicate behind the
budget's "at risk", the pages and the reports."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from .models import Guest, Participation, SignedSheet


def with_attendance(meetings):
    """Meetings with `attendance_recorded` and `signed_sheet_kept` read in the same query:
    evidence_missing then asks nothing more of the database."""
    came = Participation.objects.filter(meeting=OuterRef("pk"), attended=True)
    guests_came = Guest.objects.filter(meeting=OuterRef("pk"), attended=True)
    return meetings.annotate(
        attendance_recorded=Exists(came) | Exists(guests_came),
        signed_sheet_kept=Exists(SignedSheet.objects.filter(meeting=OuterRef("pk"))),
    )


def attendance_recorded(meeting) -> bool:
    if hasattr(meeting, "attendance_recorded"):
        return meeting.attendance_recorded
    return (
        Participation.objects.filter(meeting=meeting, attended=True).exists()
        or Guest.objects.filter(Q(meeting=meeting) & Q(attended=True)).exists()
    )


def signed_sheet_kept(meeting) -> bool:
    if hasattr(meeting, "signed_sheet_kept"):
        return meeting.signed_sheet_kept
    return SignedSheet.objects.filter(meeting=meeting).exists()


def evidence_missing(meeting) -> list[str]:
    """Why a meeting could not be shown to have taken place; empty when nothing is missing."""
    reasons = []
    if not meeting.agenda.strip():
        reasons.append(_("no agenda"))
    if not attendance_recorded(meeting):
        reasons.append(_("no attendance recorded"))
    if not signed_sheet_kept(meeting):
        # The grant asks for the list of participants signed by hand, kept as a scan.
        reasons.append(_("no signed list of participants"))
    return reasons
