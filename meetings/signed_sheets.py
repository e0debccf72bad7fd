"""The scan of a signed attendance sheet, kept as evidence: judged by its content like a
deliverable's file (common.uploads), stored under a generated name, recorded in the activity."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from common.uploads import check_upload, clean_filename
from projects import access

from .models import Meeting, SignedSheet

SCAN_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


def may_print_sheet(user, meeting: Meeting) -> bool:
    """The blank sheet to print: the project's members (its partners' contacts, the officers)."""
    if meeting.project_id is None:
        return access.is_officer(user)
    return access.visible_projects(user).filter(pk=meeting.project_id).exists()


def may_see_signed_sheets(user, meeting: Meeting) -> bool:
    """The scans carry outside people's names and signatures: personal data, so whoever may
    see participants' details (the project's coordinator and the officers) lists, downloads
    and removes them; partners learn only that a scan is kept."""
    return access.may_run_project(user, meeting.project_id)


def check_signed_sheet(*, meeting: Meeting, upload: UploadedFile, uploaded_by) -> None:
    """Why the scan would be refused: asked by upload_signed_sheet, and before it by a form that
    shows the refusal beside the file (the admin's)."""
    if not may_see_signed_sheets(uploaded_by, meeting):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may upload the signed sheet.")
        )
    if meeting.project_id is None:
        raise ValidationError(_("Signed attendance sheets are kept for a project's meetings."))
    check_upload(upload, allowed=SCAN_EXTENSIONS, limit=settings.SIGNED_SHEET_MAX_BYTES)


@transaction.atomic
def upload_signed_sheet(*, meeting: Meeting, upload: UploadedFile, uploaded_by) -> SignedSheet:
    """Keep the scan of a meeting's signed attendance sheet (PDF, JPEG or PNG)."""
    check_signed_sheet(meeting=meeting, upload=upload, uploaded_by=uploaded_by)
    name = clean_filename(upload.name)
    sheet = SignedSheet(meeting=meeting, original_filename=name, uploaded_by=uploaded_by)
    sheet.file.save(name, upload, save=False)
    sheet.save()
    record(
        project=meeting.project_id,
        actor=uploaded_by,
        verb=Event.Verb.SHEET_UPLOADED,
        target=meeting.title[:100],
        link=reverse("meeting-detail", args=[meeting.pk]),
    )
    return sheet


@transaction.atomic
def remove_signed_sheet(*, sheet: SignedSheet, removed_by) -> None:
    """Take away a scan uploaded by mistake: the row and the stored file go, the activity keeps
    who removed which file."""
    meeting = sheet.meeting
    if not may_see_signed_sheets(removed_by, meeting):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may remove a signed sheet.")
        )
    name, stored = sheet.original_filename, sheet.file.name
    sheet.delete()
    record(
        project=meeting.project_id,
        actor=removed_by,
        verb=Event.Verb.SHEET_REMOVED,
        target=meeting.title[:100],
        link=reverse("meeting-detail", args=[meeting.pk]),
        details={"file": name},
    )
    # The file last, once the row is gone for good: a rollback keeps both.
    transaction.on_commit(lambda: sheet.file.storage.delete(stored))
