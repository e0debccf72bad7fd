"""A form sent empty is checked like any other: 400, each required field saying so, nothing
saved. (Bound only on a POST: the page itself shows the empty form with 200.)"""

import pytest

pytestmark = pytest.mark.django_db


def forms(world) -> list[tuple[str, str]]:
    project = world.own.project.pk
    meeting = world.own.rows["meetings"].pk
    return [
        ("officer", "/projects/new/"),
        ("officer", f"/projects/{project}/edit/"),
        ("officer", "/people/new/"),
        ("officer", "/dashboard/newsletters/new/"),
        ("coordinator", f"/projects/{project}/work-plan/packages/new/"),
        ("coordinator", f"/projects/{project}/work-plan/deliverables/new/"),
        ("coordinator", f"/projects/{project}/meetings/new/"),
        ("coordinator", f"/meetings/{meeting}/edit/"),
    ]


def test_an_empty_post_answers_400_with_the_required_fields(world, signed_in):
    for role, url in forms(world):
        client = signed_in(role)
        assert client.get(url).status_code == 200, url
        response = client.post(url, {})
        assert response.status_code == 400, url
        assert "This field is required." in response.content.decode(), url
