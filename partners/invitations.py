"""Logins given by invitation: the login, its one-time link, the mail, and choosing the password.

Nobody here asks who may do it: the services of projects/logins.py check that, and call these.

A link names its invitation, signed with the site's secret. Whether it still works is read from
the rows each time it is opened: the invitation is neither used nor revoked (resending revokes
the previous one, so only the newest link works), it has not expired (INVITATION_DAYS), and the
login is active and has no password yet. Deactivating the login revokes the invitation for good.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from common.claims import PENDING, release_stale
from common.enqueue import enqueue_after_commit
from common.languages import mail_language
from common.mailing import TransientMailError, send_claimed, subject_line

from .models import Invitation, Person

SALT = "partners.invitation"
# A mail still "sending" after this many minutes had its worker stopped.
STALE_MINUTES = 30

LINK_NOT_VALID = _(
    "This invitation link does not work: it was used already, replaced by a newer one, or "
    "withdrawn. Ask the project officer who invited you for a new one."
)
LINK_EXPIRED = _(
    "This invitation link has expired. Ask the project officer who invited you to send it again."
)


class Login:
    """What a person's login is: none, invited (no password yet), active, or deactivated."""

    NONE, INVITED, ACTIVE, DEACTIVATED = "none", "invited", "active", "deactivated"


def login_state(person: Person) -> str:
    user = person.user
    if user is None:
        return Login.NONE
    if not user.is_active:
        return Login.DEACTIVATED
    return Login.ACTIVE if user.has_usable_password() else Login.INVITED


def token(invitation: Invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=SALT)


def link(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation", args=[token(invitation)])


def open_invitations(person: Person):
    return person.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)


def give_login(*, person: Person):
    """Create the person's login, with no password until they choose one from the invitation.

    It is named after their e-mail address, which they sign in with; it has no rights beyond
    those their partnerships give (never staff, superuser or officer).
    """
    if person.user_id is not None:
        raise ValidationError(_("This person has a login already."))
    if not person.email:
        raise ValidationError(
            _("Add the person's e-mail address first: the invitation goes there.")
        )
    username = person.email.lower()
    users = get_user_model()
    if users.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            _("A login named %(name)s exists already; an administrator can link it to this person.")
            % {"name": username}
        )
    user = users(
        username=username,
        email=person.email,
        first_name=person.first_name[:150],
        last_name=person.last_name[:150],
    )
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return user


def issue_invitation(*, person: Person, invited_by) -> Invitation:
    """Revoke the person's waiting invitation, if any, and mail a new one once committed."""
    with transaction.atomic():
        open_invitations(person).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            person=person,
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        )
        enqueue_after_commit("tasks.accounts.send_invitation_mail", invitation.pk)
    return invitation


def readdress_waiting_login(*, person: Person) -> None:
    """The person's address was corrected before they chose a password: their login follows
    the new address (its name too, unless another login has it) and the link mailed to the old
    address stops working; a new invitation goes to the new one when an officer sends it."""
    user = person.user
    user.email = person.email
    username = person.email.lower()
    others = get_user_model().objects.exclude(pk=user.pk)
    if username and not others.filter(username__iexact=username).exists():
        user.username = username
    user.save(update_fields=["email", "username"])
    revoke_invitations(person=person)


def revoke_invitations(*, person: Person) -> int:
    return open_invitations(person).update(revoked_at=timezone.now())


def message_id(invitation: Invitation) -> str:
    return f"<invitation-{invitation.pk}@{settings.CALENDAR_UID_DOMAIN}>"


def invitation_message(invitation: Invitation) -> EmailMultiAlternatives:
    """The mail in the person's language, English if they never chose one."""
    person = invitation.person
    with translation.override(mail_language(person.preferred_language)):
        context = {
            "person": person,
            "username": person.user.get_username(),
            "link": link(invitation),
            "expires_at": timezone.localtime(invitation.expires_at),
            "invited_by": invitation.invited_by,
        }
        subject = render_to_string("partners/email/invitation_subject.txt", context)
        body = render_to_string("partners/email/invitation.txt", context)
    return EmailMultiAlternatives(
        subject_line(subject),
        body,
        to=[person.email],
        headers={"Message-ID": message_id(invitation)},
    )


def send_invitation(*, invitation_id: int) -> str:
    """Mail a waiting invitation once; raise TransientMailError when the server refused it for
    now, so the task tries again."""
    rows = Invitation.objects.filter(
        pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True
    )
    release_stale(rows, minutes=STALE_MINUTES)
    invitation = rows.select_related("person__user", "invited_by__person").first()
    if invitation is None or invitation.status != PENDING:
        return "nothing to send"
    connection = get_connection()
    try:
        outcomes = send_claimed(
            Invitation,
            {invitation.pk: partial(invitation_message, invitation)},
            connection=connection,
            max_attempts=settings.INVITATION_MAX_ATTEMPTS,
        )
    finally:
        connection.close()
    status, error = outcomes[invitation.pk]
    if status == PENDING:
        raise TransientMailError(error)
    return status


def invitation_from(token_text: str) -> Invitation:
    """The invitation a link names, if the link still works; ValidationError saying why not."""
    try:
        data = signing.loads(token_text, salt=SALT)
    except signing.BadSignature:
        raise ValidationError(LINK_NOT_VALID) from None
    invitation = (
        Invitation.objects.select_related("person__user", "person__organisation")
        .filter(pk=data.get("invitation"))
        .first()
    )
    if invitation is None or not invitation.is_open or invitation.person.user is None:
        raise ValidationError(LINK_NOT_VALID)
    if login_state(invitation.person) != Login.INVITED:
        raise ValidationError(LINK_NOT_VALID)
    if invitation.expires_at <= timezone.now():
        raise ValidationError(LINK_EXPIRED)
    return invitation


def accept_invitation(*, token_text: str, password: str):
    """Set the password the invited person chose and close the invitation; return the login.

    The row is locked, so the same link opened twice at once sets one password.
    """
    with transaction.atomic():
        invitation = invitation_from(token_text)
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise ValidationError(LINK_NOT_VALID)
        user = invitation.person.user
        user.set_password(password)
        user.save(update_fields=["password"])
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at", "updated_at"])
    return user
