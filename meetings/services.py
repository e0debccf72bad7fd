from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from projects import access

from .models import ActionItem, partner_people


def set_action_item_status(*, item: ActionItem, status: str, changed_by) -> ActionItem:
    """Move an action item on: its owner does this from their page or the API, and so may
    whoever runs the project (who may also change everything else about it)."""
    if not access.may_set_action_item_status(changed_by, item):
        raise PermissionDenied(_("Only the owner of an action item changes its status."))
    if item.status != status:
        item.status = status
        item.full_clean(validate_unique=False, validate_constraints=False)
        item.save(update_fields=["status", "updated_at"])
    return item


def complete_action_item(*, item: ActionItem, completed_by) -> ActionItem:
    """Mark an action item done, from the owner's page."""
    return set_action_item_status(item=item, status=ActionItem.Status.DONE, changed_by=completed_by)


def check_participants(*, project_id: int | None, people) -> None:
    """Participants of a project's meeting work for its partners, as action items' owners do;
    the network's own meetings may have anyone."""
    if project_id is None:
        return
    allowed = set(partner_people(project_id).values_list("pk", flat=True))
    outside = sorted(person.full_name for person in people if person.pk not in allowed)
    if outside:
        raise ValidationError(
            _("Participants of a project's meeting work for one of its partners; %(names)s do not.")
            % {"names": ", ".join(outside)}
        )
