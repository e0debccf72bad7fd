"""The set-up pages cost the same number of queries for a project of any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Partnership, Project

from .test_query_counts import count_queries, grow

pytestmark = pytest.mark.django_db

PAGES = [
    "/projects/new/",
    "/projects/{own}/edit/",
    "/projects/{own}/copy/",
    "/projects/{own}/partners/",
    "/projects/{own}/partners/?q=cdm",
    "/projects/{own}/partners/search/?q=cit",
    "/projects/{own}/partners/{partnership}/",
    "/projects/{own}/partners/add/{spare}/",
    "/projects/{own}/organisations/new/",
]


@pytest.mark.parametrize("url", PAGES)
def test_the_query_count_does_not_grow_with_the_project(signed_in, world, url):
    client = signed_in("officer")
    partnership = Partnership.objects.get(project=world.own.project, role="partner")
    url = url.format(
        own=world.own.project.pk, partnership=partnership.pk, spare=world.spare_organisation.pk
    )
    grow(world, 1)
    small = count_queries(client, url)
    grow(world, 12)
    large = count_queries(client, url)
    assert small == large


def copy_queries(client, source, acronym: str, serial: int) -> int:
    data = {
        # grow() made the source a 2014–2020 project (its budget by headings): the copy is
        # of the 2021–2027 action its reference number names.
        "acronym": acronym, "title": "Next", "action": Project.Action.KA220_VET,
        "reference_number": f"2026-1-FR01-KA220-VET-{serial:09d}", "start_date": "2026-09-01",
        "end_date": "2028-08-31", "deadline_reminder_days": "30", "meeting_reminder_days": "7",
    }  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/projects/{source.pk}/copy/", data)
    assert response.status_code == 302
    return len(queries)


def test_copying_costs_the_same_for_a_larger_project(signed_in, world):
    client = signed_in("officer")
    grow(world, 1)
    small = copy_queries(client, world.own.project, "NEXT1", 1)
    grow(world, 12)
    large = copy_queries(client, world.own.project, "NEXT2", 2)
    assert small == large
    copied = Project.objects.get(acronym="NEXT2")
    assert copied.objectives.count() == world.own.project.objectives.count()
