"""The project officers' group: the network's staff, who may change everything."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet

OFFICERS_GROUP = "Project officers"
OFFICER_APPS = [
    "partners",
    "activity",
    "projects",
    "deliverables",
    "meetings",
    "reminders",
    "newsletters",
]


def ensure_officer_group() -> Group:
    """Create the group if needed and give it every permission over the tracker's own data."""
    group, _ = Group.objects.get_or_create(name=OFFICERS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=OFFICER_APPS)
    group.permissions.add(*permissions)
    return group


def officer_accounts() -> QuerySet:
    """The active logins that may be put in charge of a project: officers and superusers."""
    officers = Group.objects.filter(name=OFFICERS_GROUP).values("user")
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(pk__in=officers), is_active=True)
        .order_by("last_name", "first_name", "username")
    )
