from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from projects import access, contacts

from .links import validate_submission_link
from .models import Deliverable, Submission
from .uploads import check_upload, clean_filename


def submit_deliverable(
    *,
    deliverable: Deliverable,
    submitted_by: AbstractBaseUser,
    link: str = "",
    upload: UploadedFile | None = None,
    note: str = "",
) -> Submission:
    """Hand in a deliverable as a link or a file; it becomes submitted, awaiting approval."""
    if not access.may_submit(submitted_by, deliverable):
        raise PermissionDenied(
            _("Only the lead organisation's contacts, the coordinator or an officer may submit.")
        )
    link = link.strip()
    if bool(link) == bool(upload):
        raise ValidationError(_("Give either a link or a file, not both and not neither."))
    if deliverable.status == Deliverable.Status.APPROVED:
        raise ValidationError(
            {"status": _("This deliverable is already approved; ask the coordinator to reopen it.")}
        )
    submission = Submission(deliverable=deliverable, submitted_by=submitted_by, note=note.strip())
    if link:
        validate_submission_link(link)
        submission.link = link
    else:
        extension = check_upload(upload)
        submission.original_filename = clean_filename(upload.name)
        upload.name = f"upload.{extension}"  # the storage path is generated from the token
        submission.file = upload
    with transaction.atomic():
        submission.save()
        deliverable.status = Deliverable.Status.SUBMITTED
        deliverable.save(update_fields=["status", "updated_at"])
        record(
            project=deliverable.project_id,
            actor=submitted_by,
            verb=Event.Verb.HANDED_IN,
            target=label(deliverable),
            link=page_of(deliverable),
            notify=contacts.coordinator_contacts(deliverable.project_id),
        )
    return submission


def approve_deliverable(*, deliverable: Deliverable, approved_by: AbstractBaseUser) -> Deliverable:
    """Accept a submitted deliverable, recording who approved it and when."""
    if not access.may_approve(approved_by, deliverable):
        raise PermissionDenied(_("Only project officers and the project's coordinator approve."))
    if deliverable.status != Deliverable.Status.SUBMITTED:
        raise ValidationError(
            {
                "status": f"Only a submitted deliverable can be approved; this one is "
                f"{deliverable.get_status_display().lower()}."
            }
        )
    deliverable.status = Deliverable.Status.APPROVED
    deliverable.approved_at = timezone.now()
    deliverable.approved_by = approved_by
    with transaction.atomic():
        deliverable.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
        record(
            project=deliverable.project_id,
            actor=approved_by,
            verb=Event.Verb.APPROVED,
            target=label(deliverable),
            link=page_of(deliverable),
            notify=contacts.organisation_contacts(
                deliverable.project_id, deliverable.lead_organisation_id
            ),
        )
    return deliverable


def label(deliverable: Deliverable) -> str:
    """How the activity names a deliverable: its code and title."""
    return f"{deliverable.code} {deliverable.title}"


def page_of(deliverable: Deliverable) -> str:
    """Where a notice about a deliverable leads: its row on the project's page."""
    return (
        reverse("project-detail", args=[deliverable.project_id]) + f"#deliverable-{deliverable.pk}"
    )
