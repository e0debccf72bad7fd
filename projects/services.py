from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Objective, ObjectiveStatusChange


def change_objective_status(
    *,
    objective: Objective,
    status: str,
    changed_by: AbstractBaseUser | None,
    comment: str = "",
) -> ObjectiveStatusChange | None:
    """Move an objective to a new status and keep who, when, from, to and why.

    Returns the recorded change, or None when the objective already has that status.
    """
    if status not in Objective.Status.values:
        allowed = ", ".join(Objective.Status.values)
        raise ValidationError({"status": f"Unknown status {status!r}; use one of: {allowed}."})
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
    objective.status = status
    return change
