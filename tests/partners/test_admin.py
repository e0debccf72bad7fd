"""The people's list shows who reads English because the tracker lacks their language."""

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/partners/person/"


@pytest.fixture
def officer_client(demo, client):
    client.force_login(get_user_model().objects.get(username="officer"))
    return client


def names(page: str) -> set[str]:
    return set(re.findall(r'<th class="field-full_name"><a [^>]*>([^<]+)</a>', page))


def test_the_list_says_what_each_person_reads(officer_client):
    page = officer_client.get(PEOPLE).content.decode()
    assert "English (their language, Lietuvių, is not available)" in page
    assert "English (their language, Română, is not available)" in page
    assert '<td class="field-reads">Deutsch</td>' in page
    assert "their browser&#x27;s language" in page  # the officer never chose


def test_the_filter_lists_those_who_read_english_for_want_of_their_language(officer_client):
    page = officer_client.get(PEOPLE, {"reads": "english"}).content.decode()
    assert names(page) == {"Rūta Žemaitė", "Ştefan Popescu"}
    assert names(officer_client.get(PEOPLE, {"reads": "browser"}).content.decode()) == {
        "Camille Dubois"
    }
    chosen = names(officer_client.get(PEOPLE, {"reads": "chosen"}).content.decode())
    assert {"Jana Becker", "Giulia Rossi", "Lucía Fernández", "Julien Lefèvre"} <= chosen
    assert not chosen & {"Rūta Žemaitė", "Ştefan Popescu", "Camille Dubois"}
