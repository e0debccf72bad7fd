"""Officers find organisations as typed, add them as partners, and record new ones carefully."""

import pytest

from partners.matching import find_organisations, similar_organisations
from partners.models import Organisation
from projects.models import Partnership
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris(db):
    return OrganisationFactory(
        name="Cité des métiers de Paris", short_name="CdM Paris", city="Paris", country="FR",
        oid="E10000001", pic="949000001",
    )  # fmt: skip


@pytest.fixture
def koln(db):
    return OrganisationFactory(
        name="Berufsinformationszentrum", short_name="BiZ", city="Köln", country="DE"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "cite des metiers paris",
        "CITÉ DES MÉTIERS",
        "cdm paris",
        "E10000001",
        "949000001",
        "métiers  paris",
    ],
)
def test_the_finder_ignores_case_and_accents(paris, typed):
    assert list(find_organisations(typed)) == [paris]


def test_the_finder_reads_the_city(koln):
    assert list(find_organisations("Koln")) == [koln]
    assert list(find_organisations("biz koln")) == [koln]
    assert not find_organisations("biz paris").exists()
    assert not find_organisations("   ").exists()


def test_look_alikes_share_a_folded_name_and_country_or_an_identifier(paris):
    assert list(similar_organisations(name="cite des  METIERS de paris", country="FR")) == [paris]
    assert not similar_organisations(name="Cité des métiers de Paris", country="BE").exists()
    assert list(similar_organisations(name="Other", country="BE", oid="E10000001")) == [paris]
    assert list(similar_organisations(name="Other", country="BE", pic="949000001")) == [paris]
    assert not similar_organisations(name="", country="", oid="", pic="").exists()


def test_the_page_finds_without_script_and_the_fragment_as_typed(signed_in, world, koln):
    client = signed_in("officer")
    project = world.own.project.pk
    page = client.get(f"/projects/{project}/partners/", {"q": "koln"}).content.decode()
    assert "Berufsinformationszentrum" in page
    assert f'href="/projects/{project}/partners/add/{koln.pk}/"' in page
    assert f'hx-get="/projects/{project}/partners/search/"' in page
    fragment = client.get(
        f"/projects/{project}/partners/search/", {"q": "KÖLN"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert (
        fragment.startswith('<div id="organisation-results"')
        and "Berufsinformationszentrum" in fragment
    )
    assert "<html" not in fragment


def test_organisations_already_in_the_project_are_not_offered(signed_in, world):
    partner = world.own.partner_org
    page = (
        signed_in("officer")
        .get(f"/projects/{world.own.project.pk}/partners/search/", {"q": partner.short_name})
        .content.decode()
    )
    assert f"/partners/add/{partner.pk}/" not in page
    assert "No organisation outside the project matches" in page


def test_the_finder_refuses_an_overlong_query(signed_in, world):
    response = signed_in("officer").get(
        f"/projects/{world.own.project.pk}/partners/", {"q": "x" * 201}
    )
    assert response.status_code == 400


def test_an_officer_adds_a_partner_with_its_contacts(signed_in, world, koln):
    anna = PersonFactory(organisation=koln, first_name="Anna", last_name="Schmidt")
    PersonFactory(organisation=koln, first_name="Karl", last_name="Weber")
    client = signed_in("officer")
    project = world.own.project
    url = f"/projects/{project.pk}/partners/add/{koln.pk}/"
    assert "Anna Schmidt" in client.get(url).content.decode()
    response = client.post(url, {"role": "associated", "contacts": [anna.pk]})
    assert response.status_code == 302
    partnership = Partnership.objects.get(project=project, organisation=koln)
    assert partnership.role == "associated"
    assert list(partnership.contacts.all()) == [anna]
    assert "Anna Schmidt" in client.get(f"/projects/{project.pk}/partners/").content.decode()


def test_a_second_coordinator_is_refused_beside_the_role(signed_in, world, koln):
    project = world.own.project
    response = signed_in("officer").post(
        f"/projects/{project.pk}/partners/add/{koln.pk}/", {"role": "coordinator"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    role = page[page.index('name="role"') - 600 : page.index('name="role"') + 600]
    assert "The project already has a coordinator." in page and "errorlist" in role
    assert not Partnership.objects.filter(project=project, organisation=koln).exists()


def test_contacts_must_work_for_the_organisation(signed_in, world, koln):
    stranger = world.own.people[0]  # the coordinator's contact
    response = signed_in("officer").post(
        f"/projects/{world.own.project.pk}/partners/add/{koln.pk}/",
        {"role": "partner", "contacts": [stranger.pk]},
    )
    assert response.status_code == 400
    assert not Partnership.objects.filter(organisation=koln).exists()


def test_an_officer_changes_the_role_and_contacts(signed_in, world):
    partnership = Partnership.objects.get(project=world.own.project, role="partner")
    newcomer = PersonFactory(organisation=partnership.organisation, first_name="Nuno")
    response = signed_in("officer").post(
        f"/projects/{world.own.project.pk}/partners/{partnership.pk}/",
        {"role": "associated", "contacts": [newcomer.pk]},
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.role == "associated"
    assert list(partnership.contacts.all()) == [newcomer]


def test_a_partner_holding_work_is_not_removed_and_says_why(signed_in, world):
    partnership = Partnership.objects.get(project=world.own.project, role="partner")
    client = signed_in("officer")
    page = client.get(
        f"/projects/{world.own.project.pk}/partners/{partnership.pk}/"
    ).content.decode()
    assert "It cannot be removed while it holds part of the work: D1" in page
    response = client.post(f"/projects/{world.own.project.pk}/partners/{partnership.pk}/remove/")
    assert response.status_code == 400
    assert "still leads or contributes to" in response.content.decode()
    assert Partnership.objects.filter(pk=partnership.pk).exists()


def test_a_partner_without_work_is_removed(signed_in, world, koln):
    partnership = Partnership.objects.create(project=world.own.project, organisation=koln)
    response = signed_in("officer").post(
        f"/projects/{world.own.project.pk}/partners/{partnership.pk}/remove/"
    )
    assert response.status_code == 302
    assert not Partnership.objects.filter(pk=partnership.pk).exists()


def test_a_partnership_of_another_project_answers_404(signed_in, world):
    foreign = Partnership.objects.get(project=world.other.project)
    client = signed_in("officer")
    assert client.get(f"/projects/{world.own.project.pk}/partners/{foreign.pk}/").status_code == 404
    url = f"/projects/{world.own.project.pk}/partners/{foreign.pk}/remove/"
    assert client.post(url).status_code == 404
    assert client.get(f"/projects/{world.own.project.pk}/partners/add/999999/").status_code == 404


NEW = {
    "name": "Cite des metiers de  Paris", "short_name": "CdM P75", "country": "FR",
    "city": "Paris", "type": "career_centre", "oid": "", "pic": "", "website": "",
}  # fmt: skip


def test_a_look_alike_asks_first_then_may_be_created_anyway(signed_in, world, paris):
    client = signed_in("officer")
    url = f"/projects/{world.own.project.pk}/organisations/new/"
    asked = client.post(url, NEW)
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Did you mean…?" in page and "Cité des métiers de Paris" in page
    assert f'href="/projects/{world.own.project.pk}/partners/add/{paris.pk}/"' in page
    assert 'name="confirm" value="new"' in page
    assert 'value="CdM P75"' in page
    assert Organisation.objects.filter(short_name="CdM P75").count() == 0

    created = client.post(url, {**NEW, "confirm": "new"})
    organisation = Organisation.objects.get(short_name="CdM P75")
    assert created.status_code == 302
    assert (
        created["Location"] == f"/projects/{world.own.project.pk}/partners/add/{organisation.pk}/"
    )


def test_a_new_organisation_without_look_alike_is_created_at_once(signed_in, world):
    response = signed_in("officer").post(
        f"/projects/{world.own.project.pk}/organisations/new/",
        {**NEW, "name": "Città dei mestieri di Milano", "country": "IT", "oid": "E10999999"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(oid="E10999999").name == "Città dei mestieri di Milano"


@pytest.mark.parametrize(
    ("field", "message"),
    [("oid", "Another organisation already has this OID."),
     ("pic", "Another organisation already has this PIC.")],
)  # fmt: skip
def test_an_oid_or_pic_stays_unique_even_when_created_anyway(
    signed_in, world, paris, field, message
):
    data = {**NEW, "name": "Somewhere else", "country": "BE", field: getattr(paris, field),
            "confirm": "new"}  # fmt: skip
    response = signed_in("officer").post(
        f"/projects/{world.own.project.pk}/organisations/new/", data
    )
    assert response.status_code == 400
    page = response.content.decode()
    at = page.index(f'name="{field}"')
    group = page[page.rindex('<div class="field', 0, at) : at]
    assert message in group
    assert "Did you mean…?" in page and "Cité des métiers de Paris" in page
    assert not Organisation.objects.filter(name="Somewhere else").exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("oid", "E123", "An OID is E followed by 8 digits"),
     ("pic", "12", "A PIC is exactly 9 digits"),
     ("name", "", "This field is required."), ("country", "XX", "Select a valid choice.")],
)  # fmt: skip
def test_bad_organisation_input_is_refused(signed_in, world, field, value, words):
    data = {**NEW, "name": "Somewhere else", field: value}
    response = signed_in("officer").post(
        f"/projects/{world.own.project.pk}/organisations/new/", data
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Organisation.objects.filter(short_name="CdM P75").exists()


@pytest.mark.parametrize("field", ["name", "country", "oid", "pic"])
def test_a_nul_character_in_a_new_organisation_is_refused(signed_in, world, field):
    url = f"/projects/{world.own.project.pk}/organisations/new/"
    response = signed_in("officer").post(url, {**NEW, field: "E10\x00"})
    assert response.status_code == 400
    page = response.content.decode()
    at = page.index(f'name="{field}"')
    assert "errorlist" in page[page.rindex('<div class="field', 0, at) : at]
    assert not Organisation.objects.filter(short_name="CdM P75").exists()


@pytest.mark.parametrize(
    "known", ["Cité des  métiers de Paris", "Việt Nam Career Centre"], ids=["spaces", "vietnamese"]
)
def test_a_known_name_with_runs_of_spaces_or_vietnamese_letters_asks_first(signed_in, world, known):
    OrganisationFactory(name=known, country="FR", oid="", pic="")
    url = f"/projects/{world.own.project.pk}/organisations/new/"
    response = signed_in("officer").post(url, {**NEW, "name": known})
    assert response.status_code == 200, response.get("Location")
    assert "Did you mean…?" in response.content.decode()
    assert Organisation.objects.filter(name=known).count() == 1


def test_an_empty_post_is_refused_with_every_required_field_said(signed_in, world):
    project = world.own.project.pk
    client = signed_in("officer")
    for url in [
        f"/projects/{project}/organisations/new/",
        f"/projects/{project}/partners/add/{world.spare_organisation.pk}/",
    ]:
        response = client.post(url, {})
        assert response.status_code == 400, url
        assert "This field is required." in response.content.decode(), url


@pytest.mark.parametrize("typed", ["\u0301", "´", " \u0301 "])
def test_the_finder_typed_with_only_an_accent_lists_nothing(signed_in, world, typed):
    url = f"/projects/{world.own.project.pk}/partners/search/"
    response = signed_in("officer").get(url, {"q": typed})
    assert "Spare" not in response.content.decode()
    assert not find_organisations(typed).exists()
