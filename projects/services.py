from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record

from . import access, contacts
from .models import Objective, ObjectiveStatusChange, Partnership, Project


def change_objective_status(
    *,
    objective: Objective,
    status: str,
    changed_by: AbstractBaseUser | None,
    comment: str = "",
) -> ObjectiveStatusChange | None:
    """Move an objective to a new status and keep who, when, from, to and why.

    Returns the recorded change, or None when the objective already has that status. No
    `changed_by` means no person: the change is the system's own (a data load).
    """
    if changed_by is not None and not access.may_manage_network(changed_by):
        raise PermissionDenied(_("Only project officers change an objective's status."))
    if status not in Objective.Status.values:
        allowed = ", ".join(Objective.Status.values)
        raise ValidationError(
            {
                "status": _("Unknown status “%(status)s”; use one of: %(allowed)s.")
                % {"status": status, "allowed": allowed}
            }
        )
    with transaction.atomic():
        # Lock the row so two officers changing it at once both leave an exact history.
        current = Objective.objects.select_for_update().get(pk=objective.pk)
        if current.status == status:
            objective.status = status
            return None
        change = ObjectiveStatusChange.objects.create(
            objective=current,
            from_status=current.status,
            to_status=status,
            comment=comment.strip(),
            changed_by=changed_by,
        )
        Objective.objects.filter(pk=current.pk).update(status=status)
        record_objective_change(change, objective=current, actor=changed_by)
    objective.status = status
    return change


def record_objective_change(
    change: ObjectiveStatusChange, *, objective: Objective, actor: AbstractBaseUser | None
) -> None:
    """Tell the project's contact persons that one of its objectives moved."""
    record(
        project=objective.project_id,
        actor=actor,
        verb=Event.Verb.OBJECTIVE_CHANGED,
        target=f"{objective.number}. {objective.title}",
        link=reverse("project-detail", args=[objective.project_id]) + "#objectives",
        notify=contacts.project_contacts(objective.project_id),
        details={"from": change.from_status, "to": change.to_status},
        when=change.changed_at,
    )


def partner_work(partnership: Partnership) -> list[str]:
    """What the organisation leads, contributes to or owns (action items, dissemination entries,
    results) in the project.

    Read through the project's reverse relations: the work plan and meetings sit a floor above.
    """
    organisation, project = partnership.organisation_id, partnership.project
    # One filter(): the description is that of the very action item whose owner matched.
    actions = project.meetings.filter(action_items__owner__organisation=organisation).values_list(
        "action_items__description", flat=True
    )
    return sorted(
        {
            *project.work_packages.filter(lead_organisation=organisation).values_list(
                "code", flat=True
            ),
            *project.deliverables.filter(lead_organisation=organisation).values_list(
                "code", flat=True
            ),
            *project.deliverables.filter(contributions__organisation=organisation).values_list(
                "code", flat=True
            ),
            *(f"action “{description}”" for description in actions),
            *(
                f"dissemination “{title}”"
                for title in project.dissemination.filter(organisation=organisation).values_list(
                    "title", flat=True
                )
            ),
            *(
                f"result “{title}”"
                for title in project.results.filter(organisation=organisation).values_list(
                    "title", flat=True
                )
            ),
            *(["a share of the budget"] if has_budget_share(partnership) else []),
        }
    )


def has_budget_share(partnership: Partnership) -> bool:
    """Amounts of the project's budget in the organisation's name (read through the reverse
    relations, the budget sitting a floor above): they would go to a non-partner."""
    organisation = partnership.organisation
    project_id = partnership.project_id
    return (
        organisation.lump_sum_shares.filter(budget__project_id=project_id).exists()
        or organisation.heading_amounts.filter(budget__project_id=project_id).exists()
    )


def check_partnership_removable(partnership: Partnership) -> None:
    """Refuse to take out of a project an organisation that still holds part of its work."""
    if work := partner_work(partnership):
        raise ValidationError(
            _(
                "%(organisation)s still leads or contributes to %(work)s in %(project)s; "
                "hand that work to another partner before removing it."
            )
            % {
                "organisation": partnership.organisation,
                "work": ", ".join(work),
                "project": partnership.project,
            }
        )


def remove_partnership(*, partnership: Partnership, removed_by: AbstractBaseUser) -> None:
    """Take an organisation out of a project, once none of the project's work is theirs."""
    if not access.may_manage_network(removed_by):
        raise PermissionDenied(_("Only project officers take a partner out of a project."))
    with transaction.atomic():
        check_partnership_removable(partnership)
        organisation = partnership.organisation
        project_id = partnership.project_id
        partnership.delete()
        # Told after the removal: the organisation's own contacts no longer see the project.
        record(
            project=project_id,
            actor=removed_by,
            verb=Event.Verb.PARTNER_REMOVED,
            target=organisation.name,
            link=reverse("project-detail", args=[project_id]) + "#partners",
            notify=contacts.project_contacts(project_id),
        )


def advance_project_statuses(*, today: date) -> int:
    """Let each project's status follow its dates: running from its first day, ended after its
    last. Only forwards, so a submitted final report stays; returns how many projects moved."""
    status = Project.Status
    now = timezone.now()
    started = Project.objects.filter(
        status=status.IN_PREPARATION, start_date__lte=today, end_date__gte=today
    ).update(status=status.RUNNING, updated_at=now)
    ended = Project.objects.filter(
        status__in=[status.IN_PREPARATION, status.RUNNING], end_date__lt=today
    ).update(status=status.ENDED, updated_at=now)
    return started + ended
