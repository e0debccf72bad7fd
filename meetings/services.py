from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from projects import access

from .models import ActionItem


def complete_action_item(*, item: ActionItem, completed_by) -> ActionItem:
    """Mark an action item done: its owner does this from their page."""
    if not access.may_complete(completed_by, item):
        raise PermissionDenied(_("Only the owner of an action item marks it done."))
    if item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.save(update_fields=["status", "updated_at"])
    return item
