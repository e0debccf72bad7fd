"""The demo meetings' evidence (attendance, signed lists of participants, invited guests, an
event's online sign-in), written through the services the meeting pages use, so that their rules
apply; dated as if recorded when the meetings were held, not on the day the demo loads."""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from activity.models import Event
from meetings.attendance_sheet import attendance_sheet_pdf
from meetings.event_sign_in import open_sign_in
from meetings.models import Meeting, OnlineSignIn, Participation, SignedSheet
from meetings.services import add_guest, record_attendance
from meetings.signed_sheets import upload_signed_sheet

from . import data


def load_evidence(meetings: dict, people: dict) -> int:
    """Record what `data` gives of each meeting's evidence; how many meetings changed."""
    coordinator = people["coordinator"].user
    changed = 0
    for (title, start), (logins, signed) in data.ATTENDANCE.items():
        meeting = meetings[title, start]
        came = {people[login].pk for login in logins}
        if set(attended(meeting)) != came:
            record_attendance(
                meeting=meeting,
                recorded_by=coordinator,
                people_ids=came,
                guest_ids=meeting.guests.filter(attended=True).values_list("pk", flat=True),
                today=meeting.end_date,  # recorded on the meeting's last day
            )
            changed += 1
        if signed and not meeting.signed_sheets.exists():
            keep_signed_list(meeting, coordinator)
            changed += 1
    for title, start, name, organisation, country, kind in data.GUESTS:
        meeting = meetings[title, start]
        if not meeting.guests.filter(name=name).exists():
            add_guest(
                meeting=meeting,
                added_by=coordinator,
                name=name,
                organisation_name=organisation,
                country=country,
                type=kind,
            )
            changed += 1
    for title, start, language in data.SIGN_INS:
        meeting = meetings[title, start]
        if not OnlineSignIn.objects.filter(meeting=meeting).exists():
            open_sign_in(meeting=meeting, opened_by=coordinator, language=language)
            changed += 1
    return changed


def attended(meeting: Meeting) -> list[int]:
    return list(
        Participation.objects.filter(meeting=meeting, attended=True).values_list(
            "person_id", flat=True
        )
    )


# The printed sheets, by meeting: drawing one takes a second or two, and the demo is loaded
# again into every emptied database (the tests' flushes) with the same meetings and people.
_printed: dict[tuple, bytes] = {}


def keep_signed_list(meeting: Meeting, uploaded_by) -> SignedSheet:
    """A stand-in for the scan of the signed list: the meeting's own attendance sheet, as the
    coordinator printed it (in French, the network's language), uploaded as a scan would be."""
    name = f"liste-emargement-{meeting.start_date:%Y-%m-%d}.pdf"
    key = (meeting.title, meeting.start_date)
    if key not in _printed:
        _printed[key] = attendance_sheet_pdf(meeting, language="fr", with_guests=True)
    pdf = _printed[key]
    sheet = upload_signed_sheet(
        meeting=meeting,
        upload=SimpleUploadedFile(name, pdf, content_type="application/pdf"),
        uploaded_by=uploaded_by,
    )
    # Scanned and uploaded the day after the meeting, in the demo's past.
    uploaded = timezone.make_aware(datetime.combine(meeting.end_date + timedelta(days=1), time(9)))
    SignedSheet.objects.filter(pk=sheet.pk).update(created_at=uploaded, updated_at=uploaded)
    # The upload's record in the project's activity is the project's newest event.
    event = Event.objects.filter(project_id=meeting.project_id).latest("pk")
    Event.objects.filter(pk=event.pk, verb=Event.Verb.SHEET_UPLOADED).update(created_at=uploaded)
    return sheet
