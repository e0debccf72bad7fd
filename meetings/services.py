from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import ActionItem


def complete_action_item(*, item: ActionItem, person) -> ActionItem:
    """Mark an action item done; only its owner does this from their page."""
    if item.owner_id != person.pk:
        raise ValidationError(_("Only the owner of an action item marks it done."))
    if item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.save(update_fields=["status", "updated_at"])
    return item
