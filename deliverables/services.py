"""Handing deliverables in and reviewing them: every round kept, the people concerned told by
mail and by notice. The work plan's own changes are in work_plan.py."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from common.enqueue import enqueue_after_commit
from projects import access, contacts

from .links import validate_submission_link
from .models import (
    Deliverable,
    Review,
    Submission,
)
from .review_mails import coordinator_contacts, lead_contacts
from .uploads import check_upload, clean_filename

MAX_COMMENT_LENGTH = 2000


def submit_deliverable(
    *,
    deliverable: Deliverable,
    submitted_by: AbstractBaseUser,
    link: str = "",
    upload: UploadedFile | None = None,
    note: str = "",
) -> Submission:
    """Hand in a deliverable as a link or a file; it becomes submitted, awaiting review, and the
    coordinator's contacts are told."""
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
        for person_id in coordinator_contacts(deliverable, acting=submitted_by):
            enqueue_after_commit("tasks.reviews.send_handed_in_mail", submission.pk, person_id)
        record(
            project=deliverable.project_id,
            actor=submitted_by,
            verb=Event.Verb.HANDED_IN,
            target=label(deliverable),
            link=page_of(deliverable),
            notify=contacts.coordinator_contacts(deliverable.project_id),
        )
    return submission


def refuse_unless_reviewer(user, deliverable: Deliverable) -> None:
    if not access.may_approve(user, deliverable):
        raise PermissionDenied(_("Only project officers and the project's coordinator review."))


def refuse_unless_submitted(deliverable: Deliverable) -> None:
    if deliverable.status != Deliverable.Status.SUBMITTED:
        raise ValidationError(
            {
                "status": _(
                    "Only a submitted deliverable can be approved or sent back for changes; "
                    "this one is %(status)s."
                )
                % {"status": deliverable.get_status_display().lower()}
            }
        )


def lock_while_submitted(deliverable: Deliverable) -> None:
    """Hold the deliverable's row for this review: two reviewers at once record one round, and
    the second is told where it stands now."""
    current = (
        Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("status")
    )
    deliverable.status = current.get()[0]
    refuse_unless_submitted(deliverable)


def approve_deliverable(
    *, deliverable: Deliverable, approved_by: AbstractBaseUser, comment: str = ""
) -> Deliverable:
    """Accept a submitted deliverable, recording who approved it and when, as a review round."""
    if not access.may_approve(approved_by, deliverable):
        raise PermissionDenied(_("Only project officers and the project's coordinator approve."))
    refuse_unless_submitted(deliverable)
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise ValidationError({"comment": too_long()})
    with transaction.atomic():
        lock_while_submitted(deliverable)
        deliverable.status = Deliverable.Status.APPROVED
        deliverable.approved_at = timezone.now()
        deliverable.approved_by = approved_by
        deliverable.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
        Review.objects.create(
            deliverable=deliverable,
            submission=deliverable.submissions.order_by("-created_at", "-pk").first(),
            decision=Review.Decision.APPROVED,
            comment=comment,
            reviewed_by=approved_by,
        )
        record(
            project=deliverable.project_id,
            actor=approved_by,
            verb=Event.Verb.APPROVED,
            target=label(deliverable),
            link=page_of(deliverable),
            notify=lead_organisation_contacts(deliverable),
        )
    return deliverable


def request_changes(
    *, deliverable: Deliverable, requested_by: AbstractBaseUser, comment: str
) -> Review:
    """Send a submitted deliverable back to its lead with what should change; the lead's
    contacts are told at once, and may hand it in again."""
    refuse_unless_reviewer(requested_by, deliverable)
    refuse_unless_submitted(deliverable)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    if len(comment) > MAX_COMMENT_LENGTH:
        raise ValidationError({"comment": too_long()})
    with transaction.atomic():
        lock_while_submitted(deliverable)
        review = Review.objects.create(
            deliverable=deliverable,
            submission=deliverable.submissions.order_by("-created_at", "-pk").first(),
            decision=Review.Decision.CHANGES_REQUESTED,
            comment=comment,
            reviewed_by=requested_by,
        )
        deliverable.status = Deliverable.Status.CHANGES_REQUESTED
        deliverable.save(update_fields=["status", "updated_at"])
        for person_id in lead_contacts(deliverable, acting=requested_by):
            enqueue_after_commit("tasks.reviews.send_changes_requested_mail", review.pk, person_id)
        record(
            project=deliverable.project_id,
            actor=requested_by,
            verb=Event.Verb.CHANGES_REQUESTED,
            target=label(deliverable),
            link=page_of(deliverable),
            notify=lead_organisation_contacts(deliverable),
            details={"comment": comment},
        )
    return review


def too_long() -> str:
    return _("Keep the comment to %(limit)d characters.") % {"limit": MAX_COMMENT_LENGTH}


def lead_organisation_contacts(deliverable: Deliverable):
    return contacts.organisation_contacts(deliverable.project_id, deliverable.lead_organisation_id)


def label(deliverable: Deliverable) -> str:
    """How the activity names a deliverable: its code and title."""
    return f"{deliverable.code} {deliverable.title}"


def page_of(deliverable: Deliverable) -> str:
    """Where a notice about a deliverable leads: its own page."""
    return reverse("deliverable-detail", args=[deliverable.pk])
