import pytest

from partners.models import Organisation, Person
from tests.conftest import refused_by_database, refused_by_validation
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("oid", ["E10123456", "E99999999"])
def test_an_erasmus_oid_is_e_and_eight_digits(oid):
    OrganisationFactory.build(oid=oid).full_clean()


@pytest.mark.parametrize("oid", ["E1012345", "10123456", "e10123456", "E1012345X", "E101234567"])
def test_a_malformed_oid_is_refused_with_an_example(oid):
    with refused_by_validation("oid", "E followed by 8 digits"):
        OrganisationFactory.build(oid=oid).full_clean()
    with refused_by_database():
        OrganisationFactory(oid=oid)


@pytest.mark.parametrize("pic", ["94912345", "9491234567", "94912345A"])
def test_a_malformed_pic_is_refused(pic):
    with refused_by_validation("pic", "9 digits"):
        OrganisationFactory.build(pic=pic).full_clean()
    with refused_by_database():
        OrganisationFactory(pic=pic)


def test_two_organisations_cannot_share_an_oid_but_may_both_have_none():
    OrganisationFactory(oid="E10123456")
    OrganisationFactory(oid="")
    OrganisationFactory(oid="")
    with refused_by_validation("__all__", "already has this OID"):
        OrganisationFactory.build(oid="E10123456").full_clean()
    with refused_by_database():
        OrganisationFactory(oid="E10123456")


@pytest.mark.parametrize(
    "name",
    [
        "Città dei mestieri di Milano e della Lombardia",
        "Fundación Empresa Universidad de Zaragoza",
        "Agenția pentru Dezvoltare Regională Nord-Est",
        "Ştefan cel Mare, Žemaitė, Cité",
    ],
)
def test_names_in_their_own_language_round_trip(name):
    created = OrganisationFactory(name=name)
    assert Organisation.objects.get(pk=created.pk).name == name
    assert Organisation.objects.filter(name=name).count() == 1


def test_e_mail_addresses_are_unique_whatever_their_case():
    PersonFactory(email="rute.zemaite@example.org")
    with refused_by_validation("email", "already has this e-mail"):
        PersonFactory.build(email="Rute.Zemaite@example.org").full_clean()
    with refused_by_database():
        PersonFactory(email="RUTE.ZEMAITE@example.org")


def test_several_people_may_have_no_e_mail_address_yet():
    PersonFactory(email="")
    PersonFactory(email="")
    assert Person.objects.filter(email="").count() == 2
