"""The project officers' group: the network's staff, who may change everything."""

from django.contrib.auth.models import Group, Permission

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
