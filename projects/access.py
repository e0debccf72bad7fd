"""Who may see and change what, derived from the data rather than from a hand-kept list.

Project officers (a Django group) see and change everything. Everyone else sees the projects in
which they are a contact person of a partnership, with the rights of that partnership's role:
the coordinator's contacts run the project's work plan, partners' contacts read it and hand in
what their organisation leads. A person may coordinate one project and be a partner in another.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, QuerySet

from partners.models import Organisation, Person

from .models import Partnership, Project
from .roles import OFFICERS_GROUP

COORDINATOR = Partnership.Role.COORDINATOR


def is_officer(user) -> bool:
    """True for project officers and superusers.

    The group membership usually arrives with the user (projects.authentication); otherwise it
    is asked once and kept on the user object for the rest of the request.
    """
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_project_officer"):
        user._is_project_officer = user.groups.filter(name=OFFICERS_GROUP).exists()
    return user.is_superuser or user._is_project_officer


def contact_partnerships(user) -> QuerySet[Partnership]:
    """The partnerships in which the user is a contact person.

    By the person's id when it came with the user (projects.authentication): PostgreSQL then
    finds in its statistics how many partnerships that person has. Through the login it counts
    one per person, and everything scoped by them ten times too few for a person in ten.
    """
    if not user.is_authenticated:
        return Partnership.objects.none()
    person_id = getattr(user, "_person_id", None)
    if person_id is None:
        return Partnership.objects.filter(contacts__user=user)
    return Partnership.objects.filter(contacts=person_id)


def visible_project_ids(user) -> QuerySet:
    """A subquery of the ids of the projects the user may read."""
    if is_officer(user):
        return Project.objects.values("pk")
    return contact_partnerships(user).values("project_id")


def visible_projects(user) -> QuerySet[Project]:
    if is_officer(user):
        return Project.objects.all()
    return Project.objects.filter(pk__in=visible_project_ids(user))


def visible_organisations(user) -> QuerySet[Organisation]:
    """The partners of my projects, and my own organisation."""
    if is_officer(user):
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    in_my_projects = Partnership.objects.filter(project__in=visible_project_ids(user)).order_by()
    my_own = Person.objects.filter(user=user).order_by()
    # One set of ids, not an OR of two: PostgreSQL estimated three-quarters of the table.
    ids = in_my_projects.values("organisation_id").union(my_own.values("organisation_id"))
    return Organisation.objects.filter(pk__in=ids)


def visible_people(user) -> QuerySet[Person]:
    """The contact persons of my projects, and myself."""
    if is_officer(user):
        return Person.objects.all()
    if not user.is_authenticated:
        return Person.objects.none()
    contacts = Partnership.contacts.through.objects.filter(
        partnership__project__in=visible_project_ids(user)
    )
    # One set of ids, not an OR of two: PostgreSQL estimated half the table for a hundred.
    myself = Person.objects.filter(user=user).order_by().values("pk")
    return Person.objects.filter(pk__in=contacts.values("person_id").union(myself))


def coordinated_project_ids(user) -> QuerySet:
    return contact_partnerships(user).filter(role=COORDINATOR).values("project_id")


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


# Who may change what. Each service checks its own rule with these predicates and refuses with
# PermissionDenied; views and the admin only ask them to decide what to offer.


def may_run_project(user, project_id: int | None) -> bool:
    """Run a project's work plan, meetings and actions: officers and the coordinator's contacts.

    Rows of no project (the network's own meetings) are the officers' alone.
    """
    return is_officer(user) or coordinates(user, project_id)


def may_submit(user, deliverable) -> bool:
    """Hand in: the lead organisation's contacts, the project's coordinator, an officer."""
    return may_run_project(user, deliverable.project_id) or speaks_for(
        user, deliverable.project_id, deliverable.lead_organisation_id
    )


def may_approve(user, deliverable) -> bool:
    """Accept what was handed in: the project's coordinator, an officer."""
    return may_run_project(user, deliverable.project_id)


def owns(user, item) -> bool:
    """The user is the person who owns the action item."""
    return user.is_authenticated and item.owner.user_id == user.pk


def may_set_action_item_status(user, item) -> bool:
    """Move an action item on (or mark it done): its owner, and whoever runs the project."""
    return owns(user, item) or may_run_project(user, item.meeting.project_id)


def may_manage_network(user) -> bool:
    """Objectives' statuses, partnerships, organisations and people: the officers'."""
    return is_officer(user)


def may_edit_newsletter(user) -> bool:
    """Edit, approve and publish the newsletter: the officers, its editors."""
    return is_officer(user)


def may_export_personal_data(user) -> bool:
    """Take people's e-mail addresses away in a spreadsheet: the officers only. Partners read
    them on the pages, but a file travels further than the people it is about would expect."""
    return is_officer(user)


def may_manage_people(user) -> bool:
    """Add and edit contact persons and give them logins: the officers. The logins they give
    carry no rights of their own; staff, superusers and officers are made in the admin only."""
    return is_officer(user)


def has_rights_beyond_a_contact(login) -> bool:
    """Staff, superuser, in a group (officers included) or holding a permission of its own: a
    login whose rights do not come from partnerships alone."""
    return (
        login.is_staff
        or login.is_superuser
        or login.groups.exists()
        or login.user_permissions.exists()
    )


def may_manage_login(user, login) -> bool:
    """Change the address of, invite, deactivate or reactivate a login: an officer, never for
    their own login (nobody locks themselves out or changes their own rights), and only for a
    login with no rights beyond a contact's; a superuser for any other login. Password resets go
    to the login's address, so redirecting it would hand those rights to whoever chose it."""
    return (
        may_manage_people(user)
        and login.pk != user.pk
        and (user.is_superuser or not has_rights_beyond_a_contact(login))
    )


def may_record_outreach(user, project_id: int, organisation_id: int | None) -> bool:
    """Log dissemination or register a result in a partner's name, and change or remove it:
    officers and the coordinator's contacts for any partner, a partner's contacts for their own
    organisation only."""
    return outreach_recorder(user, project_id)(organisation_id)


def outreach_recorder(user, project_id: int) -> Callable[[int | None], bool]:
    """may_record_outreach for many rows of one project: (organisation id) -> may the user
    write in its name. Two queries at most, however many rows a page lists."""
    if may_run_project(user, project_id):
        return lambda organisation_id: True
    mine = set(
        contact_partnerships(user)
        .filter(project_id=project_id)
        .values_list("organisation_id", flat=True)
    )
    return lambda organisation_id: organisation_id in mine
