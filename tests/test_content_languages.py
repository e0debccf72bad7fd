"""Titles and places in several languages: each reader reads their language's version, else
the original; writing the field itself changes the original; every path edits the versions."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from deliverables.copying import copy_project, project_template
from meetings.models import Meeting
from projects.models import Objective, Project
from tests.factories import MeetingFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """The requests below activate French or German in this thread: the next test starts in
    the product's own language, as each request of the running site does in its own."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def api():
    def client_for(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture
def brussels(world):
    return MeetingFactory(
        project=world.own.project, kind="transnational", title="Final conference",
        city="Brussels", country="BE", title_fr="Conférence finale", city_fr="Bruxelles",
    )  # fmt: skip


def test_each_language_reads_its_version_or_the_original(brussels):
    brussels.refresh_from_db()
    with translation.override("fr"):
        assert (brussels.title, brussels.city, brussels.place) == (
            "Conférence finale", "Bruxelles", "Bruxelles",
        )  # fmt: skip
    with translation.override("de"):
        assert (brussels.title, brussels.city) == ("Final conference", "Brussels")
    assert (brussels.title, brussels.city) == ("Final conference", "Brussels")


def test_writing_the_field_in_any_language_changes_the_original_not_a_version(brussels):
    with translation.override("fr"):
        brussels.city = "Bruxelles-Capitale"
        brussels.save()
        created = Meeting.objects.create(
            project=brussels.project, kind="transnational", title="Réunion",
            start_date=brussels.start_date, end_date=brussels.end_date,
        )  # fmt: skip
    brussels.refresh_from_db()
    assert (brussels.city_en, brussels.city_fr) == ("Bruxelles-Capitale", "Bruxelles")
    created.refresh_from_db()
    assert (created.title_en, created.title_fr, created.venue_en) == ("Réunion", None, "")


def test_the_meeting_form_edits_the_original_and_folds_the_other_languages(client, world, brussels):
    client.force_login(world.users["coordinator"])
    page = client.get(f"/meetings/{brussels.pk}/edit/", HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert '<details class="other-languages"' in html
    assert 'name="title" value="Final conference"' in html  # the original, not the French
    assert 'name="city_fr" value="Bruxelles"' in html and 'lang="de"' in html
    data = {
        "kind": "transnational", "title": "Final conference", "start_date": "2023-10-25",
        "end_date": "2023-10-26", "city": "Brussels", "country": "BE",
        "city_fr": "Bruxelles", "title_fr": "Conférence de clôture", "city_de": "Brüssel",
    }  # fmt: skip
    response = client.post(f"/meetings/{brussels.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302, response.content.decode()[:3000]
    brussels.refresh_from_db()
    assert (brussels.title_en, brussels.title_fr) == ("Final conference", "Conférence de clôture")
    assert (brussels.city_de, brussels.title_de) == ("Brüssel", None)


def test_the_api_reads_the_requests_language_and_writes_each_version(api, world, brussels):
    client = api(world.users["coordinator"])
    url = f"/api/meetings/{brussels.pk}/"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["title"], french["city"], french["city_en"]) == (
        "Conférence finale", "Bruxelles", "Brussels",
    )  # fmt: skip
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="it").json()["city"] == "Brussels"
    response = client.patch(
        url, {"city_it": "Bruxelles", "title": "Closing conference"}, format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    brussels.refresh_from_db()
    assert (brussels.title_en, brussels.title_fr, brussels.city_it) == (
        "Closing conference", "Conférence finale", "Bruxelles",
    )  # fmt: skip


def test_the_schema_documents_the_versions(api, world):
    schema = api(world.users["officer"]).get("/api/schema/", {"format": "json"}).json()
    meeting = schema["components"]["schemas"]["Meeting"]["properties"]
    assert "Accept-Language" in meeting["title"]["description"]
    assert "fr version" in meeting["city_fr"]["description"]
    assert {"title_pt", "venue_es", "city_de"} <= set(meeting)


def test_the_admin_edits_every_version(client, world, brussels):
    client.force_login(world.users["officer"])
    page = client.get(f"/admin/meetings/meeting/{brussels.pk}/change/").content.decode()
    assert 'name="title_fr"' in page and 'name="city_pt"' in page
    project_page = client.get(f"/admin/projects/project/{world.own.project.pk}/change/")
    assert 'name="title_de"' in project_page.content.decode()


def test_search_finds_a_title_in_any_of_its_languages(client, world, brussels):
    client.force_login(world.users["coordinator"])
    for typed, language in [("bruxelles", "en"), ("brussels", "fr"), ("conference finale", "de")]:
        page = client.get("/search/", {"q": typed}, HTTP_ACCEPT_LANGUAGE=language)
        assert f"#meeting-{brussels.pk}" in page.content.decode(), typed


def test_the_project_list_orders_and_reads_in_the_readers_language(api, world):
    project = world.own.project
    Project.objects.filter(pk=project.pk).update(title_fr="Titre en français")
    rows = api(world.users["officer"]).get("/api/projects/", HTTP_ACCEPT_LANGUAGE="fr").json()
    titles = {row["id"]: row["title"] for row in rows["results"]}
    assert titles[project.pk] == "Titre en français"


def test_a_copy_of_a_project_starts_from_every_version_whatever_the_readers_language(world):
    source = world.own.project
    source.title_fr = "Titre du projet"
    source.save()
    objective = source.objectives.first() or ObjectiveFactory(project=source)
    Objective.objects.filter(pk=objective.pk).update(title_de="Ziel")
    with translation.override("fr"):
        template = project_template(source)
    assert (template.title_en, template.title_fr) == (source.title_en, "Titre du projet")
    template.reference_number, template.acronym = "2024-1-FR01-KA220-VET-000099999", "NEXT"
    template.start_date, template.end_date = date(2025, 1, 1), date(2026, 12, 31)
    with translation.override("fr"):
        copy = copy_project(
            source=source, project=template, copied_by=world.users["officer"],
            today=date(2024, 6, 1),
        )  # fmt: skip
    copied = copy.objectives.get(number=objective.number)
    assert (copied.title_en, copied.title_de) == (objective.title_en, "Ziel")


@pytest.mark.parametrize("language", ["pt", "pt-br", "fr-ca", "nl", None])
def test_a_version_is_read_in_the_language_the_field_itself_reads(language):
    from common.content_languages import version_reader

    meeting = MeetingFactory(title="Original", title_pt="Versão PT", title_fr="Version FR")
    versions = {f"title_{code}": getattr(meeting, f"title_{code}") for code in ("en", "fr", "pt")}
    with translation.override(language):
        if language is None:
            translation.deactivate_all()
        expected = Meeting.objects.get(pk=meeting.pk).title
        assert version_reader(Meeting, "title")(meeting) == expected
        assert version_reader(Meeting, "title", lookup=dict.get)(versions) == expected


@pytest.mark.parametrize("language", ["en", "fr", "pt", "pt-br", "de", None])
@pytest.mark.parametrize(
    "versions",
    [{"title_pt": "Versão PT", "title_fr": "Version FR"}, {"title_fr": ""}, {"title_fr": None}],
    ids=["given", "empty", "null"],
)
def test_the_database_reads_a_version_as_the_field_itself_reads_it(language, versions):
    """version_expression, inside an aggregate, where modeltranslation rewrites nothing."""
    from django.db.models import Max

    from common.content_languages import version_expression

    meeting = MeetingFactory(title="Original")
    Meeting.objects.filter(pk=meeting.pk).update(**versions)
    with translation.override(language):
        if language is None:
            translation.deactivate_all()
        expected = Meeting.objects.get(pk=meeting.pk).title
        read = Meeting.objects.filter(pk=meeting.pk).aggregate(
            title=Max(version_expression(Meeting, "title"))
        )
        assert read["title"] == expected
