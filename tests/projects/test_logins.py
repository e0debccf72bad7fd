"""The login services enforce their rule whoever calls them: a page, the API or a shell."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.utils.html import escape
from rest_framework.test import APIClient

from partners.models import Invitation
from projects import logins
from projects.roles import OFFICERS_GROUP
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


def staff_with_rights_over_logins():
    admin = UserFactory(username="admin-of-logins", email="admin@example.org", is_staff=True)
    admin.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    return admin


def peer_officer():
    peer = UserFactory(username="peer-officer", email="peer@example.org")
    peer.groups.add(Group.objects.get_or_create(name=OFFICERS_GROUP)[0])
    return peer


@pytest.mark.parametrize("make_login", [staff_with_rights_over_logins, peer_officer])
def test_an_officer_manages_only_logins_with_no_rights_beyond_a_contacts(world, make_login):
    """Password resets go to a login's address: an officer who redirects it, or invites the
    login anew, holds whatever rights it has. A peer officer's login is not theirs either."""
    login = make_login()
    person = PersonFactory(user=login, email=login.email, organisation=world.spare_organisation)
    officer = world.users["officer"]
    address = login.email
    person.email = "mine@example.net"
    attempts = [
        lambda: logins.save_person(person=person, saved_by=officer),
        lambda: logins.resend_invitation(person=person, invited_by=officer),
        lambda: logins.deactivate_login(person=person, deactivated_by=officer),
        lambda: logins.reactivate_login(person=person, reactivated_by=officer),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    login.refresh_from_db()
    assert login.email == address and login.is_active

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    logins.save_person(person=person, saved_by=root)
    login.refresh_from_db()
    assert login.email == "mine@example.net"


def test_the_page_and_the_api_refuse_a_staff_address_in_the_same_words(world, client):
    login = staff_with_rights_over_logins()
    person = PersonFactory(user=login, email=login.email, organisation=world.spare_organisation)
    officer = world.users["officer"]
    api = APIClient()
    api.force_authenticate(officer)
    by_api = api.patch(f"/api/people/{person.pk}/", {"email": "mine@example.net"}, format="json")
    client.force_login(officer)
    form = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": "mine@example.net",
        "organisation": person.organisation_id,
        "job_title": person.job_title,
        "preferred_language": person.preferred_language,
    }
    by_page = client.post(f"/people/{person.pk}/edit/", form)

    assert by_api.status_code == by_page.status_code == 403
    assert by_api.json()["detail"] == str(logins.ADDRESS_REFUSED)
    assert escape(str(logins.ADDRESS_REFUSED)) in by_page.content.decode()
    login.refresh_from_db()
    assert login.email == "admin@example.org"
