from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activity.models import Event
from activity.services import record
from common.enqueue import enqueue_after_commit
from projects import access, contacts
from projects.models import Project

from .links import validate_submission_link
from .models import (
    Contribution,
    Deliverable,
    Review,
    Submission,
    WorkPackage,
    not_partners_message,
    partner_ids,
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


# The work plan: work packages and deliverables, added, changed, ordered and removed. The page,
# the API and the admin all write through these, so they refuse alike and in the same words.


def refuse_unless_running(user: AbstractBaseUser, project_id: int) -> None:
    if not access.may_run_project(user, project_id):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may change this.")
        )


def check_contributors(project: Project, organisations) -> None:
    """Contributors are partners of the deliverable's project."""
    partners = partner_ids(project)
    strangers = [o.short_name for o in organisations if o.pk not in partners]
    if strangers:
        raise ValidationError({"contributors": not_partners_message(strangers)})


def work_package_removal_refusal(work_package: WorkPackage) -> str | None:
    """Why the work package cannot be removed now, or None when it can."""
    count = work_package.deliverables.count()
    if not count:
        return None
    return ngettext(
        "%(code)s still groups %(count)d deliverable; move or remove it first.",
        "%(code)s still groups %(count)d deliverables; move or remove them first.",
        count,
    ) % {"code": work_package.code, "count": count}


def deliverable_removal_refusal(deliverable: Deliverable) -> str | None:
    """Why the deliverable cannot be removed now, or None when it can."""
    count = deliverable.submissions.count()
    if not count:
        return None
    return ngettext(
        "%(code)s has %(count)d submission, kept as the record of what was handed in; "
        "it cannot be removed.",
        "%(code)s has %(count)d submissions, kept as the record of what was handed in; "
        "it cannot be removed.",
        count,
    ) % {"code": deliverable.code, "count": count}


def next_position(rows) -> int:
    return (rows.aggregate(last=Max("position"))["last"] or 0) + 1


def save_work_package(*, work_package: WorkPackage, by: AbstractBaseUser) -> WorkPackage:
    """Add or change a work package; a new one comes last in the plan."""
    refuse_unless_running(by, work_package.project_id)
    with transaction.atomic():
        if work_package._state.adding and not work_package.position:
            work_package.position = next_position(
                WorkPackage.objects.filter(project_id=work_package.project_id)
            )
        work_package.full_clean()
        work_package.save()
    return work_package


def save_deliverable(
    *, deliverable: Deliverable, by: AbstractBaseUser, contributors=None
) -> Deliverable:
    """Add or change a deliverable and, when given, its contributors. A new deliverable, or one
    moved to another work package, comes last in its work package."""
    refuse_unless_running(by, deliverable.project_id)
    if contributors is not None:
        check_contributors(deliverable.project, contributors)
    with transaction.atomic():
        moved = (
            not deliverable._state.adding
            and Deliverable.objects.filter(pk=deliverable.pk)
            .exclude(work_package_id=deliverable.work_package_id)
            .exists()
        )
        if moved or (deliverable._state.adding and not deliverable.position):
            deliverable.position = next_position(
                Deliverable.objects.filter(
                    project_id=deliverable.project_id, work_package_id=deliverable.work_package_id
                ).exclude(pk=deliverable.pk)
            )
        deliverable.full_clean()
        deliverable.save()
        if contributors is not None:
            set_contributors(deliverable, contributors)
    return deliverable


def set_contributors(deliverable: Deliverable, organisations) -> None:
    organisations = list(organisations)
    deliverable.contributions.exclude(organisation__in=organisations).delete()
    existing = set(deliverable.contributions.values_list("organisation_id", flat=True))
    Contribution.objects.bulk_create(
        Contribution(deliverable=deliverable, organisation=organisation)
        for organisation in organisations
        if organisation.pk not in existing
    )


def remove_work_package(*, work_package: WorkPackage, by: AbstractBaseUser) -> None:
    """Remove a work package that groups no deliverable."""
    refuse_unless_running(by, work_package.project_id)
    if refusal := work_package_removal_refusal(work_package):
        raise ValidationError(refusal)
    work_package.delete()


def remove_deliverable(*, deliverable: Deliverable, by: AbstractBaseUser) -> None:
    """Remove a deliverable nothing was handed in for."""
    refuse_unless_running(by, deliverable.project_id)
    if refusal := deliverable_removal_refusal(deliverable):
        raise ValidationError(refusal)
    deliverable.delete()


def move_in_order(row, siblings, *, up: bool) -> None:
    """Swap the row with its neighbour among its siblings, numbering them 1, 2, 3… again."""
    ordered = list(siblings.order_by("position", "code", "pk").only("pk", "position"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == row.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    changed = []
    for position, sibling in enumerate(ordered, start=1):
        if sibling.position != position:
            sibling.position = position
            changed.append(sibling)
    type(row).objects.bulk_update(changed, ["position"])


def move_work_package(*, work_package: WorkPackage, up: bool, by: AbstractBaseUser) -> None:
    """One place up or down in the work plan."""
    refuse_unless_running(by, work_package.project_id)
    with transaction.atomic():
        siblings = WorkPackage.objects.select_for_update().filter(
            project_id=work_package.project_id
        )
        move_in_order(work_package, siblings, up=up)


def move_deliverable(*, deliverable: Deliverable, up: bool, by: AbstractBaseUser) -> None:
    """One place up or down within its work package."""
    refuse_unless_running(by, deliverable.project_id)
    with transaction.atomic():
        siblings = Deliverable.objects.select_for_update().filter(
            project_id=deliverable.project_id, work_package_id=deliverable.work_package_id
        )
        move_in_order(deliverable, siblings, up=up)
