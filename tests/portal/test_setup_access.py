"""Every set-up page, for every role: officers only; a project one may not see answers 404."""

import pytest

from projects.models import Partnership

pytestmark = pytest.mark.django_db

ROLES = ["officer", "coordinator", "other-coordinator", "partner", "other-partner", "anonymous"]
# What each role gets on a page of the project OWN: only the officers may set it up, the others
# who are in it are told why (403), those who are not in it are told nothing (404).
ON_OWN_PROJECT = {
    "officer": 200,
    "coordinator": 403,
    "partner": 403,
    "other-coordinator": 404,
    "other-partner": 404,
}


def own_pages(world) -> list[str]:
    project = world.own.project.pk
    partnership = Partnership.objects.get(project=project, role="partner").pk
    spare = world.spare_organisation.pk
    return [
        f"/projects/{project}/edit/",
        f"/projects/{project}/copy/",
        f"/projects/{project}/partners/",
        f"/projects/{project}/partners/?q=spare",
        f"/projects/{project}/partners/search/?q=spare",
        f"/projects/{project}/partners/add/{spare}/",
        f"/projects/{project}/partners/{partnership}/",
        f"/projects/{project}/organisations/new/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_project_pages_answer_each_role(client_as, world, role):
    client = client_as(role)
    for url in own_pages(world):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == ON_OWN_PROJECT[role], (url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_new_project_is_for_officers(client_as, role):
    response = client_as(role).get("/projects/new/")
    expected = {"officer": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected
    if expected == 403:
        assert "This page is for project officers." in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "partner", "other-coordinator", "other-partner"])
def test_writing_is_refused_as_reading_is(client_as, world, role):
    project = world.own.project
    partnership = Partnership.objects.get(project=project, role="partner")
    client = client_as(role)
    posts = [
        (f"/projects/{project.pk}/edit/", {"acronym": "TAKEN"}),
        (f"/projects/{project.pk}/partners/{partnership.pk}/", {"role": "coordinator"}),
        (f"/projects/{project.pk}/partners/{partnership.pk}/remove/", {}),
        (f"/projects/{project.pk}/organisations/new/", {"name": "X", "short_name": "X"}),
        ("/projects/new/", {"acronym": "NEW"}),
    ]
    for url, data in posts:
        expected = 403 if url == "/projects/new/" else ON_OWN_PROJECT[role]
        assert client.post(url, data).status_code == expected, url
    project.refresh_from_db()
    assert project.acronym == "OWN"
    assert Partnership.objects.filter(pk=partnership.pk, role="partner").exists()


def test_a_foreign_project_id_answers_404_to_an_officer_too_when_missing(client_as):
    client = client_as("officer")
    assert client.get("/projects/999999/edit/").status_code == 404
    assert client.get("/projects/999999/partners/").status_code == 404


def test_remove_takes_a_post(client_as, world):
    partnership = Partnership.objects.get(project=world.own.project, role="partner")
    url = f"/projects/{world.own.project.pk}/partners/{partnership.pk}/remove/"
    assert client_as("officer").get(url).status_code == 405
