"""In the admin, an officer (staff, not superuser) finds logins managed on the People page."""

import pytest

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
