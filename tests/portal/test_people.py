"""The officers' people pages: who may open them, adding and editing a contact, the search."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Invitation, Person
from tests.factories import OrganisationFactory, PartnershipFactory, PersonFactory
from tests.world import contact

pytestmark = pytest.mark.django_db

NOT_OFFICERS = ["coordinator", "other-coordinator", "partner", "other-partner"]


@pytest.fixture
def as_role(client, world):
    """A client signed in as `role`: the world's users, plus a partner of the other project."""
    other_partnership = PartnershipFactory(project=world.other.project)
    other_partner = contact(other_partnership.organisation, other_partnership, "other-partner")
    users = {
        **world.users,
        "other-coordinator": world.other.people[0].user,
        "other-partner": other_partner.user,
    }

    def sign_in(role: str):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return sign_in


def officer_pages(person: Person) -> list[str]:
    return ["/people/", "/people/new/", f"/people/{person.pk}/", f"/people/{person.pk}/edit/"]


def field_error(page: str, name: str) -> str:
    """The text of the field group of `name` when it shows an error."""
    match = re.search(
        rf'<div class="field has-error">(?:(?!<div class="field).)*name="{name}"'
        r'(?:(?!<div class="field).)*</div>',
        page,
        re.S,
    )
    assert match, f"no error beside {name}"
    return match[0]


def form_data(in_organisation, **changes) -> dict:
    data = {
        "first_name": "Bérénice",
        "last_name": "Lefèvre",
        "email": "berenice.lefevre@example.org",
        "organisation": in_organisation.pk,
        "job_title": "Career counsellor",
        "preferred_language": "",
    }
    return {**data, **changes}


def test_an_officer_opens_every_people_page(as_role, world):
    client = as_role("officer")
    for url in officer_pages(world.own.people[1]):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", NOT_OFFICERS)
def test_nobody_else_opens_them(as_role, world, role):
    client = as_role(role)
    person = world.own.people[1]
    for url in officer_pages(person):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "This page is for project officers." in response.content.decode()
    for action in ("invite", "resend", "deactivate", "reactivate"):
        assert client.post(f"/people/{person.pk}/login/{action}/").status_code == 403
    assert client.post("/people/new/", form_data(world.spare_organisation)).status_code == 403
    assert not Person.objects.filter(email="berenice.lefevre@example.org").exists()


def test_anonymous_visitors_are_sent_to_sign_in(as_role, world):
    client = as_role("anonymous")
    for url in officer_pages(world.own.people[1]):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_officers_header_links_the_people_page(as_role):
    assert 'href="/people/"' in as_role("officer").get("/my-work/").content.decode()
    assert 'href="/people/"' not in as_role("partner").get("/my-work/").content.decode()


def test_an_officer_adds_a_contact_to_an_existing_organisation(as_role, world):
    response = as_role("officer").post("/people/new/", form_data(world.spare_organisation))
    person = Person.objects.get(email="berenice.lefevre@example.org")
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert (person.full_name, person.organisation, person.preferred_language) == (
        "Bérénice Lefèvre",
        world.spare_organisation,
        "",
    )
    assert person.user is None  # a login is given by inviting, never by saving


def test_a_taken_address_is_refused_beside_the_field_whatever_its_case(as_role, world):
    taken = world.own.people[1].email.upper()
    response = as_role("officer").post(
        "/people/new/", form_data(world.spare_organisation, email=taken)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Another person already has this e-mail address." in field_error(page, "email")
    assert 'value="Bérénice"' in page  # what was typed stays
    assert not Person.objects.filter(first_name="Bérénice").exists()


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"organisation": "999999"}, "organisation", "Select a valid choice."),
        ({"preferred_language": "xx"}, "preferred_language", "Select a valid choice."),
        ({"job_title": "x" * 151}, "job_title", "at most 150 characters"),
    ],
)
def test_bad_input_is_refused_beside_its_field(as_role, world, changes, field, words):
    response = as_role("officer").post(
        "/people/new/", form_data(world.spare_organisation, **changes)
    )
    assert response.status_code == 400
    assert words in field_error(response.content.decode(), field)
    assert not Person.objects.filter(last_name="Lefèvre").exists()


def test_an_officer_edits_a_contact_and_their_logins_address_follows(as_role, world):
    person = world.own.people[1]
    response = as_role("officer").post(
        f"/people/{person.pk}/edit/",
        form_data(person.organisation, email="new.address@example.org", preferred_language="fr"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    person.user.refresh_from_db()
    assert (person.email, person.preferred_language) == ("new.address@example.org", "fr")
    assert person.user.email == "new.address@example.org"  # where a password reset goes


def test_moving_a_contact_to_another_organisation_is_refused_beside_the_field(as_role, world):
    person = world.own.people[1]  # a contact of their organisation in OWN
    response = as_role("officer").post(
        f"/people/{person.pk}/edit/", form_data(world.spare_organisation)
    )
    assert response.status_code == 400
    assert "add them anew" in field_error(response.content.decode(), "organisation")
    person.refresh_from_db()
    assert person.first_name != "Bérénice"  # nothing half-saved


def test_the_search_ignores_case_and_accents(as_role, world):
    koln = OrganisationFactory(name="Kölner Bildungswerk", short_name="KBW", city="Köln")
    PersonFactory(first_name="Bérénice", last_name="Lefèvre", organisation=koln)
    PersonFactory(first_name="Jürgen", last_name="Schäfer", organisation=koln)
    client = as_role("officer")

    def names(query: str) -> set[str]:
        page = client.get("/people/", query).content.decode()
        return set(re.findall(r'<a href="/people/\d+/">([^<]+)</a>', page))

    assert names({"q": "berenice LEFEVRE"}) == {"Bérénice Lefèvre"}
    assert names({"q": "kolner"}) == {"Bérénice Lefèvre", "Jürgen Schäfer"}
    assert names({"q": "jurgen kolner"}) == {"Jürgen Schäfer"}
    assert names({"organisation": koln.pk}) == {"Bérénice Lefèvre", "Jürgen Schäfer"}
    assert names({"q": "berenice", "organisation": world.spare_organisation.pk}) == set()


def test_an_unknown_organisation_in_the_filter_is_refused(as_role):
    response = as_role("officer").get("/people/", {"organisation": "abc"})
    assert response.status_code == 400
    assert "Select a valid choice." in field_error(response.content.decode(), "organisation")


def test_the_list_shows_each_login_state(as_role, world):
    coordinator, partner = world.own.people
    nobody = PersonFactory(organisation=world.spare_organisation)
    invited = PersonFactory(organisation=world.spare_organisation)
    client = as_role("officer")
    client.post(f"/people/{invited.pk}/login/invite/")
    client.post(f"/people/{partner.pk}/login/deactivate/")
    page = client.get("/people/").content.decode()

    def state(person) -> str:
        row = page[page.index(f'id="person-{person.pk}"') :]
        return row[: row.index("</tr>")]

    assert "No login" in state(nobody)
    assert re.search(r"Invited on \d+ \w+ \d{4}<", state(invited))
    assert "Active" in state(coordinator)
    assert "Deactivated" in state(partner)


def grow(size: int, organisation) -> None:
    for _ in range(size):
        person = PersonFactory(organisation=organisation)
        Invitation.objects.create(person=person, expires_at="2100-01-01T00:00:00Z")


@pytest.mark.parametrize("url", ["/people/", "/people/?q=martin", "PERSON", "PERSONedit/"])
def test_the_pages_run_as_many_queries_for_many_people(as_role, world, url):
    client = as_role("officer")
    person = world.own.people[1]
    url = url.replace("PERSON", f"/people/{person.pk}/")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(3, world.spare_organisation)
    small = count()
    grow(40, world.spare_organisation)
    assert count() == small
