"""The login services enforce their rule whoever calls them: a page, the API or a shell."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from partners.models import Invitation
from projects import logins
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["coordinator", "partner", "other-coordinator"])
def test_only_officers_save_people_and_manage_logins(world, role):
    user = world.other.people[0].user if role == "other-coordinator" else world.users[role]
    newcomer = PersonFactory(organisation=world.spare_organisation)
    member = world.own.people[1]
    attempts = [
        lambda: logins.save_person(person=newcomer, saved_by=user),
        lambda: logins.invite(person=newcomer, invited_by=user),
        lambda: logins.resend_invitation(person=newcomer, invited_by=user),
        lambda: logins.deactivate_login(person=member, deactivated_by=user),
        lambda: logins.reactivate_login(person=member, reactivated_by=user),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    newcomer.refresh_from_db()
    member.user.refresh_from_db()
    assert newcomer.user is None and member.user.is_active
    assert not Invitation.objects.exists()


def test_an_officer_goes_through(world):
    officer = world.users["officer"]
    newcomer = PersonFactory(organisation=world.spare_organisation)
    invitation = logins.invite(person=newcomer, invited_by=officer)
    assert invitation.is_open and invitation.invited_by == officer
    logins.deactivate_login(person=newcomer, deactivated_by=officer)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_superuser_manages_an_officers_login_but_no_one_their_own(world):
    officer = world.users["officer"]
    me = PersonFactory(user=officer, organisation=world.spare_organisation)
    with pytest.raises(PermissionDenied):
        logins.deactivate_login(person=me, deactivated_by=officer)
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    logins.deactivate_login(person=me, deactivated_by=root)
    officer.refresh_from_db()
    assert not officer.is_active


def test_the_api_changes_a_superusers_address_only_for_a_superuser(world):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    person = PersonFactory(user=root, organisation=world.spare_organisation)
    api = APIClient()
    api.force_authenticate(world.users["officer"])
    response = api.patch(
        f"/api/people/{person.pk}/", {"email": "somebody@example.org"}, format="json"
    )
    assert response.status_code == 403
    assert "administrator" in response.json()["detail"]
    root.refresh_from_db()
    assert root.email == "root@example.org"

    api.force_authenticate(root)
    response = api.patch(
        f"/api/people/{person.pk}/", {"email": "root.new@example.org"}, format="json"
    )
    assert response.status_code == 200
    root.refresh_from_db()
    assert root.email == "root.new@example.org"  # a login's address follows its person's
