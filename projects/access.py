"""Who may see and change what, derived from the data rather than from a hand-kept list.

Project officers (a Django group) see and change everything. Everyone else sees the projects in
which they are a contact person of a partnership, with the rights of that partnership's role:
the coordinator's contacts run the project's work plan, partners' contacts read it and hand in
what their organisation leads. A person may coordinate one project and be a partner in another.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Partnership, Project
from .roles import OFFICERS_GROUP

COORDINATOR = Partnership.Role.COORDINATOR


def is_officer(user) -> bool:
    """True for project officers; cached on the user object for the rest of the request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_project_officer"):
        user._is_project_officer = user.is_superuser or (
            user.groups.filter(name=OFFICERS_GROUP).exists()
        )
    return user._is_project_officer


def contact_partnerships(user) -> QuerySet[Partnership]:
    """The partnerships in which the user is a contact person."""
    return Partnership.objects.filter(contacts__user=user)


def visible_project_ids(user) -> QuerySet:
    """A subquery of the ids of the projects the user may read."""
    if is_officer(user):
        return Project.objects.values("pk")
    return contact_partnerships(user).values("project_id")


def visible_projects(user) -> QuerySet[Project]:
    if is_officer(user):
        return Project.objects.all()
    return Project.objects.filter(pk__in=visible_project_ids(user))


def coordinated_project_ids(user) -> QuerySet:
    return contact_partnerships(user).filter(role=COORDINATOR).values("project_id")


def project_roles(user) -> dict[int, str]:
    """{project id: role} of the user's own partnerships (officer rights aside)."""
    return dict(contact_partnerships(user).values_list("project_id", "role"))


def coordinates(user, project_id: int | None) -> bool:
    if project_id is None:
        return False
    return contact_partnerships(user).filter(project_id=project_id, role=COORDINATOR).exists()


def speaks_for(user, project_id: int, organisation_id: int) -> bool:
    """Whether the user is a contact of this organisation in this project."""
    return (
        contact_partnerships(user)
        .filter(project_id=project_id, organisation_id=organisation_id)
        .exists()
    )


def my_organisation_in_project(user, project_ref="project", organisation_ref="lead_organisation"):
    """An Exists() expression: the user is a contact of the row's organisation in its project."""
    return Exists(
        contact_partnerships(user).filter(
            project_id=OuterRef(project_ref), organisation_id=OuterRef(organisation_ref)
        )
    )


def involving_me(user) -> Q:
    """Deliverables my organisations lead or contribute to, in projects where I speak for them."""
    contributes = Exists(
        contact_partnerships(user).filter(
            project_id=OuterRef("project"),
            organisation__contributions__deliverable=OuterRef("pk"),
        )
    )
    return Q(my_organisation_in_project(user)) | Q(contributes)
