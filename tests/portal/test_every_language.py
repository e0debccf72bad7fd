"""Every page renders in each of the product's languages, its heading translated."""

import re
from decimal import Decimal

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def pages(world) -> list[tuple[str, str]]:
    """(who, address) of the pages a person reads, signed in or not."""
    project = world.own.project.pk
    deliverable = world.own.rows["deliverables"].pk
    return [
        ("partner", "/my-work/"),
        ("partner", "/projects/"),
        ("partner", f"/projects/{project}/"),
        ("coordinator", f"/deliverables/{deliverable}/submit/"),
        ("officer", "/dashboard/"),
        ("officer", f"/projects/{project}/"),
        ("officer", "/projects/new/"),
        ("officer", f"/projects/{project}/partners/?q=cdm"),
        ("officer", f"/projects/{project}/organisations/new/"),
        ("partner", f"/projects/{project}/work-plan/"),
        ("coordinator", f"/projects/{project}/work-plan/deliverables/new/"),
        ("anonymous", "/accounts/login/"),
        ("anonymous", "/accounts/password_reset/"),
        ("anonymous", "/newsletter/subscribe/"),
    ]


def read(client, world, who: str, address: str, language: str) -> str:
    client.logout()
    if who != "anonymous":
        client.force_login(world.users[who])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(address)
    assert response.status_code == 200, (who, address, language)
    return response.content.decode()


def heading(page: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1].strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_speaks_the_language(client, world, language):
    for who, address in pages(world):
        page = read(client, world, who, address, language)
        assert f'<html lang="{language}">' in page, (who, address)
        if language != "en" and "/projects/" not in address:  # a project's heading is its name
            english = heading(read(client, world, who, address, "en"))
            assert heading(page) != english, (who, address, language)


@pytest.mark.parametrize(
    "language, amount",
    [
        ("en", "€185,195.00"),
        ("fr", "185\u202f195,00\xa0€"),
        ("de", "185.195,00\xa0€"),
        ("es", "185.195,00\xa0€"),
        ("it", "185.195,00\xa0€"),
        ("pt", "185\xa0195,00\xa0€"),  # Portugal's, not Brazil's "€ 185.195,00"
    ],
)
def test_the_eu_grant_is_written_as_the_readers_language_writes_euros(
    client, world, language, amount
):
    world.own.project.eu_grant = Decimal("185195.00")
    world.own.project.save()
    page = read(client, world, "partner", f"/projects/{world.own.project.pk}/", language)
    assert f"<dd>{amount}</dd>" in page
