"""Reads of the reader's notices and of a project's activity, each in a fixed number of queries.

A notice about a project the reader may no longer see is not theirs to read any more: the
same rule as every other page (projects.access).
"""

from django.db.models import QuerySet

from activity.models import Event, Notification
from projects import access

NOTICES_PER_PAGE = 25
EVENTS_PER_PAGE = 50
# The last few events shown on a project's page; the rest are on its activity page.
RECENT_EVENTS = 5


def notices_of(user) -> QuerySet[Notification]:
    """The reader's notices, newest first, about the projects they may still see."""
    notices = Notification.objects.filter(recipient=user)
    if not access.is_officer(user):
        notices = notices.filter(event__project__in=access.visible_project_ids(user))
    return notices.select_related("event__project", "event__actor__person").newest_first()


def unread_count(user) -> int:
    """How many unread notices the header shows beside the reader's name: one small query."""
    return notices_of(user).unread().order_by().count()


def project_events(project_id: int) -> QuerySet[Event]:
    """A project's activity, newest first, with who did each thing."""
    return (
        Event.objects.filter(project_id=project_id)
        .select_related("actor__person")
        .order_by("-created_at", "-pk")
    )
