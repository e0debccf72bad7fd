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


def may_download_sheets(user, meeting: Meeting) -> bool:
    """The scans name people and carry signatures: the project's members read them (its
    partners' contacts, the officers), nobody else."""
    if meeting.project_id is None:
        return access.is_officer(user)
    return access.visible_projects(user).filter(pk=meeting.project_id).exists()


def check_signed_sheet(*, meeting: Meeting, upload: UploadedFile, uploaded_by) -> None:
    """Why the scan would be refused: asked by upload_signed_sheet, and before it by a form that
    shows the refusal beside the file (the admin's)."""
    if not access.may_run_project(uploaded_by, meeting.project_id):
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
