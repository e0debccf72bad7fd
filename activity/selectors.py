"""Reads of notices and project activity, each in a fixed number of queries."""

from django.db.models import QuerySet

from projects import access

from .models import Event, Notification

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
    return Event.objects.filter(project_id=project_id).select_related("actor__person")
