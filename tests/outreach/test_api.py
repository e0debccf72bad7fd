"""The log's and the register's API as a partner's contact would try it: in another partner's
name, in another project, with a link that runs script."""

import pytest
from rest_framework.test import APIClient

from outreach.models import DisseminationEntry, Result


def as_user(world, role) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users[role])
    return client


def entry(world, organisation, **values) -> dict:
    return {
        "project": world.own.project.pk,
        "organisation": organisation.pk,
        "title": "Talk at the fair",
        "date": "2023-04-02",
        "channel": "event",
        **values,
    }


def test_a_partner_posts_in_its_own_name_only(world):
    client = as_user(world, "partner")
    mine = client.post("/api/dissemination/", entry(world, world.own.partner_org), format="json")
    assert mine.status_code == 201, mine.json()
    theirs = client.post(
        "/api/dissemination/", entry(world, world.own.coordinator_org), format="json"
    )
    assert theirs.status_code == 403
    moved = client.patch(
        f"/api/dissemination/{mine.json()['id']}/",
        {"organisation": world.own.coordinator_org.pk},
        format="json",
    )
    assert moved.status_code == 403
    assert DisseminationEntry.objects.get(pk=mine.json()["id"]).organisation == (
        world.own.partner_org
    )


def test_a_partner_cannot_post_into_a_project_it_does_not_see(world):
    client = as_user(world, "partner")
    values = entry(world, world.own.partner_org, project=world.other.project.pk)
    assert client.post("/api/dissemination/", values, format="json").status_code == 400
    assert not DisseminationEntry.objects.filter(title="Talk at the fair").exists()


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)//https://x.example", "data:text/html,<b>",
     'https://x.example/"><script>alert(1)</script>'],
)  # fmt: skip
def test_a_link_that_is_not_a_web_address_is_refused(world, link):
    client = as_user(world, "coordinator")
    answer = client.post(
        "/api/dissemination/", entry(world, world.own.partner_org, link=link), format="json"
    )
    assert answer.status_code == 400 and "link" in answer.json()
    result = {
        "project": world.own.project.pk,
        "organisation": world.own.partner_org.pk,
        "title": "Guide",
        "description": "A guide.",
        "licence": "cc_by_4",
        "link": link,
    }
    assert client.post("/api/results/", result, format="json").status_code == 400
    assert not Result.objects.filter(title="Guide").exists()


def test_a_list_posted_to_the_log_is_refused_whole(world):
    client = as_user(world, "partner")
    items = [entry(world, world.own.partner_org), entry(world, world.own.coordinator_org)]
    answer = client.post("/api/dissemination/", items, format="json")
    assert answer.status_code in (400, 403)
    assert not DisseminationEntry.objects.filter(title="Talk at the fair").exists()


def test_a_result_in_two_of_the_same_language_is_refused_with_a_message(world):
    client = as_user(world, "coordinator")
    result = {
        "project": world.own.project.pk,
        "organisation": world.own.partner_org.pk,
        "title": "Guide",
        "description": "A guide.",
        "licence": "cc_by_4",
        "languages": ["en", "en"],
    }
    answer = client.post("/api/results/", result, format="json")
    assert answer.status_code == 400
