from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from common.content_languages import all_version_names
from projects import access
from projects.contacts import project_contacts
from projects.models import Partnership

from .models import ActionItem, Guest, Meeting, Participation, partner_people


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
    """Record a project's meeting planned, moved (`dates_before`: its first and last day
    before the change) or otherwise changed; the project's contacts are told of the first two.

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
        verb, details = Event.Verb.MEETING_CHANGED, None
    # The project's contacts: a notice leads into the project, which only they may open
    # (a participant from outside it reads the meeting in My work and their calendar). A
    # change that keeps the dates is kept in the history without a notice.
    told = project_contacts(meeting.project_id) if details else ()
    return record(
        project=meeting.project_id,
        actor=saved_by,
        verb=verb,
        target=meeting.title,
        link=reverse("meeting-detail", args=[meeting.pk]),
        notify=told,
        details=details,
    )


def check_host(*, project_id: int | None, host_id: int | None) -> None:
    """A project's meeting is hosted by one of its partners (meetings recorded before this
    rule may keep an outside host until it is changed)."""
    if project_id is None or host_id is None:
        return
    if not Partnership.objects.filter(project_id=project_id, organisation_id=host_id).exists():
        raise ValidationError(
            {"host_organisation": _("The host must be a partner of the project.")}
        )


# What a meeting is, as the pages, the API and the admin set it; everything else (participants,
# guests, attendance, action items) has a service of its own.
MEETING_FIELDS = (
    "kind", "title", "start_date", "end_date", "dates_confirmed", "is_online", "venue", "city",
    "country", "host_organisation", "agenda", "minutes",
    *all_version_names("title"), *all_version_names("venue"), *all_version_names("city"),
)  # fmt: skip


def check_may_run(user, project_id: int | None) -> None:
    if not access.may_run_project(user, project_id):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may change its meetings.")
        )


def month_only(values: dict) -> dict:
    """A meeting whose dates are to be confirmed is held on its month's first day."""
    if values.get("dates_confirmed") is False and values.get("start_date"):
        first = values["start_date"].replace(day=1)
        values = {**values, "start_date": first, "end_date": first}
    return values


def _save(meeting: Meeting, invited=None, *, host_before=None) -> Meeting:
    if meeting.host_organisation_id != host_before:
        check_host(project_id=meeting.project_id, host_id=meeting.host_organisation_id)
    meeting.full_clean()
    meeting.save()
    if invited is not None:
        try:
            check_participants(project_id=meeting.project_id, people=invited)
        except ValidationError as refusal:
            raise ValidationError({"participants": refusal.messages}) from refusal
        # Who stays invited keeps the attendance recorded for them.
        meeting.participants.set(invited)
    return meeting


@transaction.atomic
def plan_meeting(*, project, planned_by, invited=None, **values) -> Meeting:
    """Plan a meeting of a project (or, for officers, of the network when project is None)."""
    check_may_run(planned_by, project and project.pk)
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Not a meeting's field: {', '.join(sorted(unknown))}")
    meeting = _save(Meeting(project=project, **month_only(values)), invited)
    record_meeting_saved(meeting=meeting, saved_by=planned_by, created=True)
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, changed_by, invited=None, **values) -> Meeting:
    """Change a meeting. When its dates move, the reminders follow on their next run: those
    not yet sent for the old date are dropped, and whoever was told of it hears of the move
    (reminders.claims.claim_meeting_moves)."""
    check_may_run(changed_by, meeting.project_id)
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Not a meeting's field: {', '.join(sorted(unknown))}")
    values = month_only({"dates_confirmed": meeting.dates_confirmed, **values})
    # As stored, not as the caller's copy may already read (a page's form fills it in): the
    # host and the dates before the change decide who is told and whether the meeting moved.
    host_before, *dates_before = Meeting.objects.filter(pk=meeting.pk).values_list(
        "host_organisation_id", "start_date", "end_date"
    )[0]
    dates_before = tuple(dates_before)
    for name, value in values.items():
        setattr(meeting, name, value)
    _save(meeting, invited, host_before=host_before)
    record_meeting_saved(
        meeting=meeting, saved_by=changed_by, created=False, dates_before=dates_before
    )
    return meeting


@transaction.atomic
def add_guest(*, meeting: Meeting, added_by, **values) -> Guest:
    """Someone from outside the partners on the list of participants: a name, never a login."""
    check_may_run(added_by, meeting.project_id)
    guest = Guest(meeting=meeting, **values)
    guest.full_clean()
    guest.save()
    return guest


# What of a guest a person may correct; signing in online and erasing are recorded by their
# own paths.
GUEST_FIELDS = (
    "name",
    "organisation_name",
    "country",
    "type",
    "email",
    "email_consent",
    "attended",
)


@transaction.atomic
def change_guest(*, guest: Guest, changed_by, **values) -> Guest:
    """Correct a guest's details; an erased guest stays erased (their name never comes back)."""
    check_may_run(changed_by, guest.meeting.project_id)
    if unknown := set(values) - set(GUEST_FIELDS):
        raise TypeError(f"Not a guest's field: {', '.join(sorted(unknown))}")
    if guest.erased:
        raise ValidationError(_("This participant was erased: their details are not kept."))
    for name, value in values.items():
        setattr(guest, name, value)
    guest.full_clean()
    guest.save()
    return guest


@transaction.atomic
def remove_guest(*, guest: Guest, removed_by) -> None:
    check_may_run(removed_by, guest.meeting.project_id)
    guest.delete()


@transaction.atomic
def record_attendance(*, meeting: Meeting, recorded_by, people_ids, guest_ids, today) -> Meeting:
    """Who came, among the participants and guests; once the meeting has begun."""
    check_may_run(recorded_by, meeting.project_id)
    if today < meeting.start_date:
        raise ValidationError(_("Attendance is recorded once the meeting has begun."))
    people_ids, guest_ids = set(people_ids), set(guest_ids)
    invited = set(meeting.participants.values_list("pk", flat=True))
    guests = set(meeting.guests.values_list("pk", flat=True))
    if not people_ids <= invited or not guest_ids <= guests:
        raise ValidationError(_("Only the meeting's participants and guests can have attended."))
    participations = Participation.objects.filter(meeting=meeting)
    participations.filter(person_id__in=people_ids).update(attended=True)
    participations.exclude(person_id__in=people_ids).update(attended=False)
    meeting.guests.filter(pk__in=guest_ids).update(attended=True)
    meeting.guests.exclude(pk__in=guest_ids).update(attended=False)
    return meeting


@transaction.atomic
def add_action_item(*, meeting: Meeting, added_by, description, owner, due_date,
                    status=ActionItem.Status.OPEN) -> ActionItem:  # fmt: skip
    """An action decided at the meeting, owned by one of the project's people."""
    check_may_run(added_by, meeting.project_id)
    item = ActionItem(
        meeting=meeting, description=description, owner=owner, due_date=due_date, status=status
    )
    item.full_clean()
    item.save()
    if meeting.project_id is not None:
        record(
            project=meeting.project_id,
            actor=added_by,
            verb=Event.Verb.ACTION_ITEM_ADDED,
            target=item.description[:100],
            link=reverse("meeting-detail", args=[meeting.pk]),
            notify=[owner],
        )
    return item


@transaction.atomic
def erase_guest(*, guest: Guest, erased_by) -> Guest:
    """Erase a participant on their request: their name and e-mail go; their organisation,
    country, type and attendance stay, so that the meeting's counts do not change."""
    check_may_run(erased_by, guest.meeting.project_id)
    guest.name, guest.email, guest.email_consent, guest.erased = "", "", False, True
    guest.full_clean()
    guest.save(update_fields=["name", "email", "email_consent", "erased", "updated_at"])
    return guest


@transaction.atomic
def mark_guest_from_partner(*, guest: Guest, from_partner: bool, marked_by) -> Guest:
    """Say that a guest came from one of the partners though the organisation they typed does
    not match one's name: the eligible count leaves them out (participant_counts)."""
    check_may_run(marked_by, guest.meeting.project_id)
    guest.from_partner = from_partner
    guest.save(update_fields=["from_partner", "updated_at"])
    return guest
