"""Sign-in plumbing that loads the user together with their officer flag.

Whether a user is a project officer, and which language their pages speak, are asked on nearly
every request; answering them in the same query that loads the user saves a round trip each time.
"""

from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import APIException, AuthenticationFailed

from .roles import OFFICERS_GROUP


def officer_membership(user_ref: str = "pk") -> Exists:
    return Exists(Group.objects.filter(name=OFFICERS_GROUP, user=OuterRef(user_ref)))


class OfficerAwareBackend(ModelBackend):
    """Django's model backend; the user of a session comes with `_is_project_officer`,
    `_preferred_language` and `_person_id` (None for a user who is no contact person)."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.annotate(
                _is_project_officer=officer_membership(),
                _preferred_language=F("person__preferred_language"),
                _person_id=F("person__id"),
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


class OfficerAwareTokenAuthentication(TokenAuthentication):
    """DRF's token authentication; the token's user comes with `_is_project_officer` and
    `_person_id`."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        token = (
            model.objects.select_related("user")
            .annotate(is_officer=officer_membership("user_id"), person_id=F("user__person__id"))
            .filter(key=key)
            .first()
        )
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        token.user._is_project_officer = token.is_officer
        token.user._person_id = token.person_id
        return (token.user, token)


def sign_in_paused_until(request, username: str) -> datetime | None:
    """When `username` may sign in again from the request's address, if django-axes paused it
    after repeated wrong passwords (None when it is not paused)."""
    if not AxesProxyHandler.is_locked(request, {"username": username}):
        return None
    # The pause runs from the latest failure (each failure while paused starts it again).
    latest = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).aggregate(latest=Max("attempt_time"))["latest"]
    return (latest or timezone.now()) + get_cool_off(request)


def paused_message(until: datetime) -> str:
    """What a paused name is told, on the sign-in page and by the API alike."""
    when = formats.date_format(timezone.localtime(until), "DATETIME_FORMAT")
    return _(
        "Too many failed sign-ins with this name from this address: signing in is "
        "paused until %(when)s. Try again then, or set a new password by e-mail."
    ) % {"when": when}


class SignInPaused(APIException):
    """A paused name is told so, and until when, rather than that its password is wrong."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "sign_in_paused"

    def __init__(self, until: datetime):
        self.wait = max(1, int((until - timezone.now()).total_seconds()))  # Retry-After
        super().__init__(paused_message(until))


def note_a_new_password(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save of the user: mark a login whose password changes, for
    end_tokens_with_the_password. Every path goes through it (the password pages, a reset, an
    invitation, the admin, a command). A fixture loaded is no change, and neither is the stored
    hash renewed for a stronger hasher at sign-in: Django saves that with the password alone
    and, as it says, not as a change (`_password` cleared), so the tokens outlive an upgrade."""
    if raw or instance.pk is None:
        return
    if update_fields is not None:
        if "password" not in update_fields:
            return
        if set(update_fields) == {"password"} and instance._password is None:
            return
    if stored_password(instance) not in (None, instance.password):
        instance._password_changed = True


def end_tokens_with_the_password(sender, instance, **kwargs) -> None:
    """post_save of the user: a new password ends the login's API tokens, as it ends its other
    sessions, so that a token taken with the old password does not outlive a reset after a
    theft. They go once the new password is committed: a token asked for with the old one
    before that goes with them, and one asked for after is refused (issued_token)."""
    if instance.__dict__.pop("_password_changed", False):
        pk = instance.pk
        transaction.on_commit(lambda: Token.objects.filter(user_id=pk).delete())


def stored_password(user) -> str | None:
    manager = type(user)._default_manager
    return manager.filter(pk=user.pk).values_list("password", flat=True).first()


def issued_token(user, password: str) -> Token | None:
    """The token of a user whose `password` was just checked, or None when the password has
    changed meanwhile (the check takes a good part of a second): no token may outlive it. A
    hash merely renewed meanwhile (a concurrent sign-in after a hasher upgrade) still takes
    the password; a token made here for a password gone is taken back, one made before goes
    with the other tokens once the change is committed."""
    token, created = Token.objects.get_or_create(user=user)
    stored = stored_password(user)
    if stored == user.password or (stored is not None and check_password(password, stored)):
        return token
    if created:
        token.delete()
    return None
