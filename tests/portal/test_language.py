"""Pages speak the person's chosen language, else the browser's, else English; the switch wins."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

MY_WORK = {
    "en": "My work", "fr": "Mon travail", "de": "Meine Arbeit", "es": "Mi trabajo",
    "it": "Il mio lavoro", "pt": "O meu trabalho",
}  # fmt: skip


def heading(response) -> str:
    page = response.content.decode()
    return page[page.index("<h1>") + 4 : page.index("</h1>")]


def choose(person, language: str) -> None:
    person.preferred_language = language
    person.save()


def test_every_language_of_the_product_is_tested_here():
    assert set(MY_WORK) == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("language", MY_WORK)
def test_a_person_reads_the_language_they_chose(signed_in, world, language):
    choose(world.own.people[1], language)
    response = signed_in("partner").get("/my-work/", headers={"Accept-Language": "fr"})
    assert heading(response) == MY_WORK[language]
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", MY_WORK)
def test_someone_who_never_chose_reads_the_browsers_language(signed_in, world, language):
    assert world.own.people[1].preferred_language == ""  # nobody chose for them
    response = signed_in("partner").get("/my-work/", headers={"Accept-Language": language})
    assert heading(response) == MY_WORK[language]


def test_a_language_the_product_lacks_reads_english_not_the_browsers(signed_in, world):
    choose(world.own.people[1], "lt")
    response = signed_in("partner").get("/my-work/", headers={"Accept-Language": "fr"})
    assert heading(response) == "My work"
    assert '<html lang="en">' in response.content.decode()


def test_the_switch_wins_over_the_persons_language(signed_in, world):
    choose(world.own.people[1], "fr")
    client = signed_in("partner")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/my-work/"})
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert heading(client.get("/my-work/")) == "My work"
    client.post("/i18n/setlang/", {"language": "de", "next": "/my-work/"})
    assert heading(client.get("/my-work/")) == "Meine Arbeit"


def test_the_switch_offers_every_language_named_in_itself(signed_in, world):
    choose(world.own.people[1], "de")
    page = signed_in("partner").get("/my-work/").content.decode()
    for code, name in [("en", "English"), ("de", "Deutsch"), ("es", "Español"),
                       ("it", "Italiano"), ("pt", "Português"), ("fr", "Français")]:  # fmt: skip
        assert f'<option value="{code}" lang="{code}"' in page and f">{name}</option>" in page


def test_dates_and_numbers_follow_the_readers_language(signed_in, world):
    client = signed_in("partner")
    english = client.get("/my-work/").content.decode()
    assert "30 June 2023" in english
    client.post("/i18n/setlang/", {"language": "fr", "next": "/my-work/"})
    french = client.get("/my-work/").content.decode()
    assert "30 juin 2023" in french
    assert "jours de retard" in french
    client.post("/i18n/setlang/", {"language": "de", "next": "/my-work/"})
    german = client.get("/my-work/").content.decode()
    assert "30. Juni 2023" in german and "Tage überfällig" in german


def test_the_sign_in_page_follows_the_browser_before_anyone_signs_in(client):
    response = client.get("/accounts/login/", headers={"Accept-Language": "fr"})
    assert heading(response) == "Se connecter"
    response = client.get("/accounts/login/", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert heading(response) == "Iniciar sesión"


@pytest.mark.parametrize(("language", "period"), [("fr", "Période\u00a0:"), ("de", "Zeitraum:")])
def test_a_label_is_punctuated_as_its_language_writes_it(signed_in, world, language, period):
    choose(world.own.people[1], language)
    page = signed_in("partner").get(f"/projects/{world.own.project.pk}/work-plan/")
    assert period in page.content.decode()
