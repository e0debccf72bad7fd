"""Contact persons and their logins, as officers manage them from the pages and the admin.

Each service checks its rule in projects.access and refuses with PermissionDenied; the rows,
the link and the mail are partners.invitations'.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import invitations
from partners.invitations import Login, login_state
from partners.models import Invitation, Person

from . import access

LOGIN_REFUSED = gettext_lazy("Only an administrator changes a login that has rights of its own.")
ADDRESS_REFUSED = gettext_lazy(
    "Only an administrator changes the address of a login that has rights of its own."
)

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "organisation",
    "job_title",
    "preferred_language",
]


def refuse_unless_people_manager(user: AbstractBaseUser) -> None:
    if not access.may_manage_people(user):
        raise PermissionDenied(_("Only project officers manage contact persons and their logins."))


def refuse_unless_login_manager(user: AbstractBaseUser, person: Person) -> None:
    refuse_unless_people_manager(user)
    if person.user_id == user.pk:
        raise PermissionDenied(_("You cannot change your own login here."))
    if person.user is not None and not access.may_manage_login(user, person.user):
        raise PermissionDenied(LOGIN_REFUSED)


def refuse_unless_address_may_change(
    person: Person, saved_by: AbstractBaseUser, *, previous: Person | None = None
) -> None:
    """Password resets go to a login's address: changing it would hand the login to whoever
    chose the new one, so only who may manage the login changes it (or its owner)."""
    if previous is None and person.pk:
        previous = Person.objects.filter(pk=person.pk).select_related("user").first()
    login = previous.user if previous else None
    if login is None or previous.email == person.email or login.pk == saved_by.pk:
        return
    if not access.may_manage_login(saved_by, login):
        raise PermissionDenied(ADDRESS_REFUSED)


def save_person(*, person: Person, saved_by: AbstractBaseUser) -> Person:
    """Create or update a contact person after the model's own checks.

    A login's e-mail address follows the person's, as password resets go there. A login still
    waiting for its password is named after the corrected address, and its invitation, mailed
    to the old one, stops working: whoever reads that mailbox must not get the login.
    """
    refuse_unless_people_manager(saved_by)
    with transaction.atomic():
        previous = Person.objects.filter(pk=person.pk).select_related("user").first()
        login = previous.user if previous else None
        moved = login is not None and previous.email != person.email
        refuse_unless_address_may_change(person, saved_by, previous=previous)
        person.full_clean()
        person.save()
        if moved and login_state(previous) == Login.INVITED:
            invitations.readdress_waiting_login(person=person)
        elif login is not None and login.email != person.email:
            login.email = person.email
            login.save(update_fields=["email"])
    return person


def invite(*, person: Person, invited_by: AbstractBaseUser) -> Invitation:
    """Give the person a login with no password and mail them a link to choose one."""
    refuse_unless_login_manager(invited_by, person)
    with transaction.atomic():
        # Locked, so that two officers inviting at once give one login.
        locked = Person.objects.select_for_update(of=("self",)).select_related("user")
        current = locked.get(pk=person.pk)
        person.user = invitations.give_login(person=current)
        return invitations.issue_invitation(person=current, invited_by=invited_by)


def resend_invitation(*, person: Person, invited_by: AbstractBaseUser) -> Invitation:
    """Mail a new link to a person who has not chosen a password yet; the old link stops."""
    refuse_unless_login_manager(invited_by, person)
    if login_state(person) != Login.INVITED:
        raise ValidationError(_("Only a login that waits for its password can be invited again."))
    return invitations.issue_invitation(person=person, invited_by=invited_by)


def deactivate_login(*, person: Person, deactivated_by: AbstractBaseUser) -> None:
    """End the person's sign-ins and sessions and revoke their invitation link, if any."""
    refuse_unless_login_manager(deactivated_by, person)
    if login_state(person) in (Login.NONE, Login.DEACTIVATED):
        raise ValidationError(_("This person has no active login."))
    with transaction.atomic():
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
        invitations.revoke_invitations(person=person)


def reactivate_login(*, person: Person, reactivated_by: AbstractBaseUser) -> None:
    """Let the person sign in again; one who never chose a password needs a new invitation."""
    refuse_unless_login_manager(reactivated_by, person)
    if login_state(person) != Login.DEACTIVATED:
        raise ValidationError(_("This login is not deactivated."))
    person.user.is_active = True
    person.user.save(update_fields=["is_active"])
