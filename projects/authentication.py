"""Sign-in plumbing that loads the user together with their officer flag.

Whether a user is a project officer, and which language their pages speak, are asked on nearly
every request; answering them in the same query that loads the user saves a round trip each time.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, F, OuterRef
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .roles import OFFICERS_GROUP


def officer_membership(user_ref: str = "pk") -> Exists:
    return Exists(Group.objects.filter(name=OFFICERS_GROUP, user=OuterRef(user_ref)))


class OfficerAwareBackend(ModelBackend):
    """Django's model backend; the user of a session comes with `_is_project_officer` and
    `_preferred_language` (None for a user who is no contact person)."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.annotate(
                _is_project_officer=officer_membership(),
                _preferred_language=F("person__preferred_language"),
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


class OfficerAwareTokenAuthentication(TokenAuthentication):
    """DRF's token authentication; the token's user comes with `_is_project_officer`."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        token = (
            model.objects.select_related("user")
            .annotate(is_officer=officer_membership("user_id"))
            .filter(key=key)
            .first()
        )
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        token.user._is_project_officer = token.is_officer
        return (token.user, token)
