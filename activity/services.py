"""Recording what happens in a project, and telling the people concerned.

Every service that changes a project calls `record` inside its own transaction, so the event
and its notices are written with the change or not at all. The caller chooses the verb (see
Event.Verb), the label of the thing it changed, the page to open (`reverse` by URL name) and who
to tell (projects.contacts has the usual groups).

The activity sits on the floor below the projects (its events name their project's row without
importing it), so the projects' own services record as the work plan's and meetings' do.

The verbs, whom they usually tell, and where they lead (details in brackets):
- handed_in: the coordinator's contacts; the deliverable. approved, changes_requested: the lead
  organisation's contacts; the deliverable (changes_requested: {"comment": …} if wanted).
- meeting_planned ({"to": [first, last]}), meeting_moved ({"from": [...], "to": [...]}),
  meeting_changed, meeting_cancelled, minutes_recorded: the project's contacts (a notice leads
  into the project, which only they open); the meeting. action_item_added: its owner; the
  meeting. sheet_uploaded, sheet_removed (the signed attendance sheet's scan,
  details {"file": name} when removed): nobody; the meeting.
- objective_changed ({"from": status, "to": status}): the project's contacts; the objectives.
- partner_added, partner_removed, contacts_changed: the project's contacts; the partners.
- work_plan_changed (target: "WP2 Training" or "D2.1 Guide"), project_created, project_changed
  (target: what changed, e.g. "the dates"): the project's contacts, or nobody; the project.
- dissemination_logged, result_registered (outreach): the coordinator's contacts; the
  project's dissemination log or results register.
A new verb is a new Event.Verb and a sentence in portal/templatetags/events.py.
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from partners.models import Person

from .models import LINK_LENGTH, TARGET_LENGTH, Event, Notification


def record(
    *,
    project,
    actor: AbstractBaseUser | None,
    verb: str,
    target: str,
    link: str = "",
    notify: Iterable[Person | AbstractBaseUser] | QuerySet = (),
    details: dict | None = None,
    when: datetime | None = None,
) -> Event:
    """Write one event of the project and one notice for each person to tell but the actor.

    - `project`: the project (a projects.Project) or its id;
    - `actor`: the user who did it, None for the tracker itself (never told of their own act);
    - `verb`: an Event.Verb;
    - `target`: a short label of the thing changed ("IO1 Vademecum"), kept as it reads now;
    - `link`: the path of its page, from `reverse` by URL name;
    - `notify`: people (Person: their login is told; those without one are skipped) or users,
      in any mix, or a QuerySet of either;
    - `details`: what the sentence reads, e.g. {"from": "in_progress", "to": "achieved"}
      (statuses, ISO dates, or [first, last] ISO dates for a period);
    - `when`: when it happened, if not now.
    """
    if verb not in Event.Verb.values:
        raise ValueError(f"Unknown verb {verb!r}; use one of Event.Verb.")
    event = Event(
        project_id=getattr(project, "pk", project),
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target=target.strip()[:TARGET_LENGTH],
        link=link[:LINK_LENGTH],
        details=details or {},
        created_at=when or timezone.now(),
    )
    readers = recipient_user_ids(notify) - {event.actor_id}
    with transaction.atomic():
        event.save()
        Notification.objects.bulk_create(
            [Notification(event=event, recipient_id=user_id) for user_id in sorted(readers)]
        )
    return event


def recipient_user_ids(notify) -> set[int]:
    """The logins of the people and users given; a QuerySet of people is read in one query."""
    if isinstance(notify, QuerySet):
        if notify.model is Person:
            return set(notify.exclude(user=None).values_list("user_id", flat=True))
        return set(notify.values_list("pk", flat=True))
    ids = set()
    for reader in notify:
        user_id = reader.user_id if isinstance(reader, Person) else reader.pk
        if user_id is not None:
            ids.add(user_id)
    return ids


def open_notification(*, notification: Notification) -> Notification:
    """Mark a notice read as its reader opens it; reading it again changes nothing."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, reader: AbstractBaseUser) -> int:
    """Mark every unread notice of the reader read; returns how many."""
    return Notification.objects.filter(recipient=reader).unread().update(read_at=timezone.now())
