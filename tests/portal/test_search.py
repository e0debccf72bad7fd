"""The search page: what each person finds, how it answers bad questions, what it costs."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.text import MAX_WORDS
from deliverables.models import Deliverable
from meetings.models import Meeting
from partners.models import Organisation, Person
from portal.forms.search import GROUP_TITLES
from portal.search import GROUPS, MAX_LENGTH, SHOWN_PER_GROUP
from projects.models import Partnership, Project
from tests.factories import (
    DeliverableFactory,
    MeetingFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
)
from tests.world import contact

pytestmark = pytest.mark.django_db

ROLES = ["officer", "coordinator", "other-coordinator", "partner", "other-partner"]
# Which project's rows each signed-in role may find.
SEES = {
    "officer": {"own", "other"},
    "coordinator": {"own"},
    "partner": {"own"},
    "other-coordinator": {"other"},
    "other-partner": {"other"},
}


@pytest.fixture
def people(world):
    """The world's users, with a partner of the other project and the other's coordinator."""
    partnership = PartnershipFactory(project=world.other.project, role=Partnership.Role.PARTNER)
    contact(partnership.organisation, partnership, "other-partner")
    return world.users | {
        "other-coordinator": world.other.people[0].user,
        "other-partner": Person.objects.get(user__username="other-partner").user,
    }


@pytest.fixture
def zebras(world, people):
    """One row of every group named "Zèbre" in each project, told apart by the project."""
    for name in ("own", "other"):
        scope = world.scope(name)
        tag = f"Zèbre {name}"
        Project.objects.filter(pk=scope.project.pk).update(title=f"{tag} project")
        Deliverable.objects.filter(pk=scope.rows["deliverables"].pk).update(
            title=f"{tag} deliverable"
        )
        Meeting.objects.filter(pk=scope.rows["meetings"].pk).update(title=f"{tag} meeting")
        Organisation.objects.filter(pk=scope.coordinator_org.pk).update(name=f"{tag} centre")
        Person.objects.filter(pk=scope.people[0].pk).update(last_name=f"{tag} person")
    return world


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text(page: str) -> str:
    main = page[page.index("<main") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def client_for(client, people, role):
    client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_person_finds_only_what_their_projects_hold(client, people, zebras, role):
    found = text(page_of(client_for(client, people, role), "/search/?q=zebre"))
    for name in ("own", "other"):
        for kind in ("project", "deliverable", "meeting", "centre", "person"):
            shown = f"Zèbre {name} {kind}" in found
            assert shown == (name in SEES[role]), (role, name, kind)


@pytest.mark.parametrize("role", ROLES)
def test_every_group_lists_whole_the_same_rows(client, people, zebras, role):
    signed_in = client_for(client, people, role)
    for group in GROUPS:
        found = text(page_of(signed_in, f"/search/?q=zebre&group={group}"))
        assert ("Zèbre own" in found) == ("own" in SEES[role]), (role, group)
        assert ("Zèbre other" in found) == ("other" in SEES[role]), (role, group)


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get("/search/?q=zebre")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/search/")


def test_an_organisation_in_no_project_of_mine_is_not_found(client, people, world):
    assert "Spare" not in text(page_of(client_for(client, people, "partner"), "/search/?q=spare"))
    assert "Spare" in text(page_of(client_for(client, people, "officer"), "/search/?q=spare"))


def test_a_meeting_of_a_project_i_am_no_contact_of_is_not_found(client, people, world):
    """Taking part in a meeting shows it in the API, but its project page would answer 404."""
    PartnershipFactory(project=world.other.project, organisation=world.own.partner_org)
    meeting = world.other.rows["meetings"]
    Meeting.objects.filter(pk=meeting.pk).update(title="Zèbre guest meeting")
    meeting.participants.add(world.own.people[1])
    found = text(page_of(client_for(client, people, "partner"), "/search/?q=zebre"))
    assert "guest meeting" not in found


def test_a_network_meeting_is_found_by_its_participants_alone(client, people, world):
    meeting = MeetingFactory(project=None, kind=Meeting.Kind.GOVERNANCE, title="Zèbre assembly")
    meeting.participants.add(world.own.people[1])
    page = page_of(client_for(client, people, "partner"), "/search/?q=zebre")
    assert "Zèbre assembly" in text(page)
    assert f'href="/meetings/{meeting.pk}.ics"' in page
    found = text(page_of(client_for(client, people, "other-partner"), "/search/?q=zebre"))
    assert "Zèbre assembly" not in found


def test_case_and_accents_do_not_matter(client, people, world):
    Organisation.objects.filter(pk=world.own.partner_org.pk).update(
        name="Cité des métiers de Paris", city="Köln"
    )
    signed_in = client_for(client, people, "partner")
    for typed in ("cite des metiers paris", "CITÉ DES MÉTIERS", "koln", "Köln"):
        assert "Cité des métiers de Paris" in text(page_of(signed_in, f"/search/?q={typed}"))


def test_organisations_are_found_by_short_name_oid_and_pic(client, people, world):
    Organisation.objects.filter(pk=world.own.partner_org.pk).update(
        name="Partner centre", short_name="PCTR", oid="E10123456", pic="949123456"
    )
    signed_in = client_for(client, people, "partner")
    for typed in ("pctr", "e10123456", "949123456"):
        assert "Partner centre" in text(page_of(signed_in, f"/search/?q={typed}"))


def test_projects_are_found_by_acronym_and_reference(client, people, world):
    project = world.own.project
    signed_in = client_for(client, people, "partner")
    for typed in (project.acronym.lower(), project.reference_number[-9:]):
        page = page_of(signed_in, f"/search/?q={typed}")
        assert f'href="/projects/{project.pk}/"' in page


def test_people_are_found_by_name_and_address_by_those_who_see_them(client, people, world):
    Person.objects.filter(pk=world.own.people[1].pk).update(
        first_name="Anaïs", last_name="Zébrowska", email="anais.z@example.org"
    )
    page = page_of(client_for(client, people, "coordinator"), "/search/?q=anais zebrowska")
    assert "Anaïs Zébrowska" in text(page)
    assert 'href="mailto:anais.z@example.org"' in page
    assert "Anaïs" in text(page_of(client, "/search/?q=anais.z@example"))
    # Neither the person nor the address reach someone of another project.
    stranger = client_for(client, people, "other-partner")
    for typed in ("zebrowska", "anais.z@example"):
        page = page_of(stranger, f"/search/?q={typed}")
        assert "Zébrowska" not in page and "anais.z" not in page.replace(typed, "")


def test_organisations_and_people_link_only_to_projects_i_see(client, people, world):
    """The partner organisation of OWN is also in OTHER: only OWN is named under it."""
    PartnershipFactory(project=world.other.project, organisation=world.own.partner_org)
    Organisation.objects.filter(pk=world.own.partner_org.pk).update(name="Zèbre shared")
    page = page_of(client_for(client, people, "partner"), "/search/?q=zebre")
    assert f'href="/projects/{world.own.project.pk}/#partners-heading"' in page
    assert f"/projects/{world.other.project.pk}/" not in page
    assert world.other.project.acronym not in text(page)


def test_each_result_links_to_where_it_is_on_its_page(client, people, zebras):
    signed_in = client_for(client, people, "partner")
    page = page_of(signed_in, "/search/?q=zebre")
    project = zebras.own.project
    deliverable, meeting = zebras.own.rows["deliverables"], zebras.own.rows["meetings"]
    project_page = f"/projects/{project.pk}/"
    for anchor in ["", f"#meeting-{meeting.pk}", "#partners-heading"]:
        link = project_page + anchor
        assert f'href="{link}"' in page
    assert f'href="/deliverables/{deliverable.pk}/"' in page  # its own page
    assert signed_in.get(f"/deliverables/{deliverable.pk}/").status_code == 200
    target = page_of(signed_in, project_page)
    for anchor in (f"meeting-{meeting.pk}", "partners-heading"):
        assert f'id="{anchor}"' in target


def test_a_group_shows_its_count_its_first_results_and_a_link_to_all(client, people, world):
    for n in range(SHOWN_PER_GROUP + 2):
        DeliverableFactory(
            project=world.own.project, lead_organisation=world.own.partner_org, title=f"Guide {n}"
        )
    signed_in = client_for(client, people, "partner")
    page = page_of(signed_in, "/search/?q=guide")
    results = page[page.index('id="deliverables-heading"') :]
    assert '<span class="count">7</span>' in results
    assert results.count("<li>") == SHOWN_PER_GROUP
    assert 'href="?q=guide&amp;group=deliverables"' in page
    assert "Show all 7 results" in text(page)
    whole = page_of(signed_in, "/search/?q=guide&group=deliverables")
    assert all(f"Guide {n}" in whole for n in range(7))
    assert "Back to every kind of result" in text(whole)


def test_a_long_list_is_paged(client, people, world):
    for n in range(55):
        PersonFactory(organisation=world.own.partner_org, last_name=f"Pager{n:02}")
    Partnership.objects.get(
        project=world.own.project, organisation=world.own.partner_org
    ).contacts.add(*Person.objects.filter(last_name__startswith="Pager"))
    signed_in = client_for(client, people, "partner")
    first = text(page_of(signed_in, "/search/?q=pager&group=people"))
    assert "Pager49" in first and "Pager50" not in first and "1–50 of 55" in first
    second = text(page_of(signed_in, "/search/?q=pager&group=people&page=2"))
    assert "Pager54" in second and "Pager00" not in second


def test_what_was_typed_is_shown_as_text(client, people, world):
    page = page_of(client_for(client, people, "partner"), "/search/?q=<script>alert(1)</script>")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page


def test_nothing_found_says_so(client, people, world):
    page = text(page_of(client_for(client, people, "partner"), "/search/?q=nowhere+to+be+found"))
    assert "Nothing you may see matches “nowhere to be found”." in page


def test_all_of_a_kind_with_no_result_says_nothing_matches(client, people, world):
    page = page_of(client_for(client, people, "partner"), "/search/?q=zzqxy&group=people")
    assert "Nothing you may see matches “zzqxy”." in text(page)


def test_only_the_first_words_are_looked_for_as_the_help_says(client, people, world):
    client = client_for(client, people, "officer")
    typed = "own " + " ".join(["o"] * (MAX_WORDS - 1)) + " zzqxy"
    page = page_of(client, "/search/?" + urlencode({"q": typed, "group": "projects"}))
    assert "OWN" in text(page)
    assert f"the first {MAX_WORDS} words are looked for" in page


@pytest.mark.parametrize("typed", ["", "   ", "\u0301\u0301"])
def test_an_empty_search_asks_for_words(client, people, world, typed):
    page = text(page_of(client_for(client, people, "partner"), f"/search/?q={typed}"))
    assert "Type a word or more to search for" in page
    assert "Projects" not in page.replace("Search", "")  # no group, not every row


def test_the_page_opened_bare_only_offers_the_box(client, people, world):
    page = page_of(client_for(client, people, "partner"), "/search/")
    assert 'name="q"' in page and "Type a word or more" not in page


def test_a_too_long_search_is_refused_beside_the_box_with_what_was_typed(client, people, world):
    typed = "z" * (MAX_LENGTH + 1)
    response = client_for(client, people, "partner").get("/search/", {"q": typed})
    assert response.status_code == 400
    page = response.content.decode()
    field = page[page.index('<div class="field has-error">') :]
    field = field[: field.index("<button")]
    assert f"at most {MAX_LENGTH} characters" in field
    assert f'value="{typed}"' in field


def test_an_unknown_group_is_refused(client, people, world):
    response = client_for(client, people, "partner").get("/search/?q=own&group=passwords")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_every_group_has_a_title():
    assert list(GROUP_TITLES) == GROUPS


def test_the_header_offers_the_search_box_to_signed_in_people(client, people, world):
    page = page_of(client_for(client, people, "partner"), "/my-work/")
    form = page[page.index('role="search"') :]
    assert 'action="/search/"' in page and f'maxlength="{MAX_LENGTH}"' in form
    # The search page has its own box, and only that one.
    assert page_of(client, "/search/?q=own").count('role="search"') == 1
    client.logout()
    assert 'role="search"' not in page_of(client, "/accounts/login/")


def grow(world, size: int) -> None:
    """`size` more rows of every group named "Zèbre" in the user's project, and elsewhere."""
    project = world.own.project
    for n in range(size):
        organisation = OrganisationFactory(name=f"Zèbre organisation {n}")
        partnership = PartnershipFactory(project=project, organisation=organisation)
        partnership.contacts.add(PersonFactory(organisation=organisation, last_name=f"Zèbre {n}"))
        DeliverableFactory(project=project, lead_organisation=organisation, title=f"Zèbre {n}")
        meeting = MeetingFactory(project=project, title=f"Zèbre meeting {n}")
        meeting.participants.add(world.own.people[1])
        other = PartnershipFactory(organisation=organisation, role=Partnership.Role.COORDINATOR)
        Project.objects.filter(pk=other.project_id).update(title=f"Zèbre elsewhere {n}")
        DeliverableFactory(project=other.project, lead_organisation=organisation)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("role", ["officer", "partner"])
@pytest.mark.parametrize(
    "url", ["/search/?q=zebre", "/search/?q=zebre&group=people", "/search/?q=zebre+own"]
)
def test_the_query_count_does_not_grow_with_the_rows(client, people, zebras, role, url):
    signed_in = client_for(client, people, role)
    grow(zebras, 1)
    small = count_queries(signed_in, url)
    grow(zebras, 15)
    large = count_queries(signed_in, url)
    assert small == large


def test_dates_in_results_are_the_readers(client, people, world):
    Project.objects.filter(pk=world.own.project.pk).update(start_date=date(2022, 1, 3))
    signed_in = client_for(client, people, "partner")
    signed_in.post("/i18n/setlang/", {"language": "fr", "next": "/search/"})
    page = text(page_of(signed_in, f"/search/?q={world.own.project.acronym}"))
    assert "3 janvier 2022" in page and "Rechercher" in page
