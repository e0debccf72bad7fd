from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from projects import access

from .models import ActionItem, partner_people


def complete_action_item(*, item: ActionItem, completed_by) -> ActionItem:
    """Mark an action item done: its owner does this from their page."""
    if not access.may_complete(completed_by, item):
        raise PermissionDenied(_("Only the owner of an action item marks it done."))
    if item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.save(update_fields=["status", "updated_at"])
    return item


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
