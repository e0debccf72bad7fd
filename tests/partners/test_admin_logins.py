"""In the admin, an officer (staff, not superuser) finds logins managed on the People page."""

import pytest
from django.utils.html import escape

from projects import logins
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_page(person) -> str:
    return f"/admin/partners/person/{person.pk}/change/"


def test_an_officer_sees_the_login_as_text_with_a_link_to_manage_it(client, world):
    client.force_login(world.users["officer"])
    person = world.own.people[1]
    page = client.get(change_page(person)).content.decode()
    assert f'href="/people/{person.pk}/"' in page
    assert 'name="user"' not in page  # no picker whose search the officer may not open


def test_a_login_posted_by_an_officer_in_the_admin_is_ignored(client, world):
    client.force_login(world.users["officer"])
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    person = PersonFactory(organisation=world.spare_organisation)
    response = client.post(
        change_page(person),
        {
            "first_name": person.first_name, "last_name": person.last_name,
            "email": person.email, "organisation": person.organisation_id,
            "reminder_frequency": "daily", "user": admin.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user is None


def test_a_superuser_still_links_a_login_in_the_admin(admin_client, world):
    person = world.own.people[1]
    page = admin_client.get(change_page(person)).content.decode()
    assert 'name="user"' in page


def person_form(person, **changes) -> dict:
    return {
        "first_name": person.first_name, "last_name": person.last_name,
        "email": person.email, "organisation": person.organisation_id,
        "reminder_frequency": "daily", **changes,
    }  # fmt: skip


def test_an_address_corrected_in_the_admin_stops_the_invitation_sent_to_the_old_one(client, world):
    officer = world.users["officer"]
    person = PersonFactory(organisation=world.spare_organisation, email="typo@example.org")
    invitation = logins.invite(person=person, invited_by=officer)
    client.force_login(officer)

    response = client.post(change_page(person), person_form(person, email="right@example.org"))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    person.user.refresh_from_db()
    assert person.user.email == "right@example.org"


def test_an_address_corrected_in_the_organisation_page_follows_the_same_rule(client, world):
    officer = world.users["officer"]
    organisation = world.spare_organisation
    person = PersonFactory(organisation=organisation, email="typo@example.org")
    invitation = logins.invite(person=person, invited_by=officer)
    client.force_login(officer)
    page = f"/admin/partners/organisation/{organisation.pk}/change/"
    people = list(organisation.people.order_by("last_name", "first_name", "pk"))
    form = {
        "name": organisation.name, "short_name": organisation.short_name,
        "type": organisation.type, "country": organisation.country.code,
        "city": organisation.city, "website": organisation.website,
        "oid": organisation.oid, "pic": organisation.pic,
        "people-TOTAL_FORMS": len(people), "people-INITIAL_FORMS": len(people),
        "people-MIN_NUM_FORMS": 0, "people-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, each in enumerate(people):
        email = "right@example.org" if each == person else each.email
        form |= {
            f"people-{i}-id": each.pk, f"people-{i}-organisation": organisation.pk,
            f"people-{i}-first_name": each.first_name, f"people-{i}-last_name": each.last_name,
            f"people-{i}-email": email, f"people-{i}-job_title": each.job_title,
            f"people-{i}-preferred_language": each.preferred_language,
        }  # fmt: skip
    if organisation.is_network_member:
        form["is_network_member"] = "on"

    response = client.post(page, form)

    assert response.status_code == 302, response.content.decode()[:3000]
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    person.user.refresh_from_db()
    assert person.user.email == "right@example.org"


def test_the_admin_refuses_a_staff_address_beside_the_field(client, world):
    officer = world.users["officer"]
    staff = UserFactory(username="root", email="root@example.org", is_superuser=True)
    person = PersonFactory(user=staff, email=staff.email, organisation=world.spare_organisation)
    client.force_login(officer)

    response = client.post(change_page(person), person_form(person, email="mine@example.net"))

    assert response.status_code == 200
    assert escape(str(logins.ADDRESS_REFUSED)) in response.content.decode()
    person.refresh_from_db()
    staff.refresh_from_db()
    assert person.email == staff.email == "root@example.org"


def organisation_form(organisation, people: list[dict]) -> dict:
    """The organisation's admin page posted with new people only."""
    form = {
        "name": organisation.name, "short_name": organisation.short_name,
        "type": organisation.type, "country": organisation.country.code,
        "city": organisation.city, "website": organisation.website,
        "oid": organisation.oid, "pic": organisation.pic,
        "people-TOTAL_FORMS": len(people), "people-INITIAL_FORMS": 0,
        "people-MIN_NUM_FORMS": 0, "people-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, person in enumerate(people):
        form |= {
            f"people-{i}-organisation": organisation.pk,
            f"people-{i}-preferred_language": "en",
        }
        form |= {f"people-{i}-{name}": value for name, value in person.items()}
    if organisation.is_network_member:
        form["is_network_member"] = "on"
    return form


def test_two_people_given_one_address_on_the_organisation_page_are_refused_beside_it(client, world):
    organisation = world.spare_organisation
    client.force_login(world.users["officer"])
    people = [
        {"first_name": "Ona", "last_name": "Vaitkė", "email": "ona@example.org"},
        {"first_name": "Ona", "last_name": "Vaitkutė", "email": "Ona@Example.org"},
    ]

    response = client.post(
        f"/admin/partners/organisation/{organisation.pk}/change/",
        organisation_form(organisation, people),
    )

    assert response.status_code == 200
    assert "Another person already has this e-mail address." in response.content.decode()
    assert not organisation.people.exists()
