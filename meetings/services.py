from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from partners.models import Person
from projects import access

from .models import ActionItem, Meeting, partner_people


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


def record_meeting_saved(
    *, meeting: Meeting, saved_by, created: bool, dates_before: tuple[date, date] | None = None
) -> Event | None:
    """Tell the project's contacts and the meeting's participants that a project's meeting was
    planned, or moved (`dates_before`: its first and last day before the change).

    Called, inside the saving transaction, wherever a meeting is saved (the API, the admin).
    The network's own meetings belong to no project's activity, and record nothing.
    """
    if meeting.project_id is None:
        return None
    dates = [meeting.start_date.isoformat(), meeting.end_date.isoformat()]
    if created:
        verb, details = Event.Verb.MEETING_PLANNED, {"to": dates}
    elif dates_before and [day.isoformat() for day in dates_before] != dates:
        before = [day.isoformat() for day in dates_before]
        verb, details = Event.Verb.MEETING_MOVED, {"from": before, "to": dates}
    else:
        return None
    told = Person.objects.filter(
        Q(partnerships__project_id=meeting.project_id) | Q(meetings=meeting)
    ).distinct()
    return record(
        project=meeting.project_id,
        actor=saved_by,
        verb=verb,
        target=meeting.title,
        link=reverse("project-detail", args=[meeting.project_id]) + f"#meeting-{meeting.pk}",
        notify=told,
        details=details,
    )
