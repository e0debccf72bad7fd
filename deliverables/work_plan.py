"""The work plan: work packages and deliverables, added, changed, ordered and removed. The page,
the API and the admin all write through these, so they refuse alike and in the same words; each
change is recorded in the project's activity."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activity.models import Event
from activity.services import record
from projects import access
from projects.models import Project

from .models import Contribution, Deliverable, WorkPackage, not_partners_message, partner_ids


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
    # Through the reverse relation (the budget sits a floor above): removing the package would
    # drop its shares, and the split would no longer add up to the grant.
    if work_package.lump_sum_shares.exists():
        return _(
            "%(code)s has a share of the project's lump sum: move its amounts to other work "
            "packages on the budget page first."
        ) % {"code": work_package.code}
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
        note_change(work_package.project_id, by, work_package)
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
        note_change(deliverable.project_id, by, deliverable)
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
    with transaction.atomic():
        note_change(work_package.project_id, by, work_package, removed=True)
        work_package.delete()


def remove_deliverable(*, deliverable: Deliverable, by: AbstractBaseUser) -> None:
    """Remove a deliverable nothing was handed in for."""
    refuse_unless_running(by, deliverable.project_id)
    if refusal := deliverable_removal_refusal(deliverable):
        raise ValidationError(refusal)
    with transaction.atomic():
        note_change(deliverable.project_id, by, deliverable, removed=True)
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


def note_change(project_id: int, by: AbstractBaseUser, row, *, removed: bool = False) -> None:
    """The project's activity keeps who changed which row of the plan; nobody is notified, as
    the plan changes often while it is written."""
    record(
        project=project_id,
        actor=by,
        verb=Event.Verb.WORK_PLAN_CHANGED,
        target=f"{row.code} {row.title}",
        link=reverse("work-plan", args=[project_id]),
        details={"removed": True} if removed else None,
    )
