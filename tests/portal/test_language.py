"""Pages speak English or French: the person's own language first, then the switch's choice."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def heading(response) -> str:
    page = response.content.decode()
    return page[page.index("<h1>") + 4 : page.index("</h1>")]


def test_a_french_speaker_reads_french_without_touching_the_switch(signed_in, world):
    person = world.own.people[1]
    person.preferred_language = "fr"
    person.save()
    response = signed_in("partner").get("/my-work/")
    assert heading(response) == "Mon travail"
    assert '<html lang="fr">' in response.content.decode()


def test_a_language_the_pages_do_not_speak_falls_back_to_english(signed_in, world):
    person = world.own.people[1]
    person.preferred_language = "de"
    person.save()
    assert heading(signed_in("partner").get("/my-work/")) == "My work"


def test_the_switch_wins_over_the_persons_language(signed_in, world):
    person = world.own.people[1]
    person.preferred_language = "fr"
    person.save()
    client = signed_in("partner")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/my-work/"})
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert heading(client.get("/my-work/")) == "My work"
    client.post("/i18n/setlang/", {"language": "fr", "next": "/my-work/"})
    assert heading(client.get("/my-work/")) == "Mon travail"


def test_dates_and_numbers_follow_the_readers_language(signed_in, world):
    client = signed_in("partner")
    english = client.get("/my-work/").content.decode()
    assert "30 June 2023" in english
    client.post("/i18n/setlang/", {"language": "fr", "next": "/my-work/"})
    french = client.get("/my-work/").content.decode()
    assert "30 juin 2023" in french
    assert "jours de retard" in french


def test_the_sign_in_page_follows_the_browser_before_anyone_signs_in(client):
    response = client.get("/accounts/login/", headers={"Accept-Language": "fr"})
    assert heading(response) == "Se connecter"
