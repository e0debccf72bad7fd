"""The log's and the register's pages: who reads, who writes in whose name, the copy for the
Project Results Platform."""

from datetime import timedelta

import pytest

from common import clock
from outreach.models import DisseminationEntry, Result

PAGES = ["dissemination/", "results/", "results/platform/", "results/platform.csv"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [("officer", 200), ("coordinator", 200), ("partner", 200), ("other-partner", 404)],
)
def test_whoever_sees_the_project_reads_and_others_get_404(world, client_as, page, role, expected):
    response = client_as(role).get(f"/projects/{world.own.project.pk}/{page}")
    assert response.status_code == expected


def test_the_log_shows_the_entries_and_offers_a_partner_its_own_organisation(world, client_as):
    page = client_as("partner").get(f"/projects/{world.own.project.pk}/dissemination/")
    assert "Article in the regional press" in page.text
    choices = list(page.context["form"].fields["organisation"].queryset)
    assert choices == [world.own.partner_org]


def test_a_partner_adds_for_its_own_organisation_only(world, client_as):
    client = client_as("partner")
    url = f"/projects/{world.own.project.pk}/dissemination/"
    values = {
        "title": "Post on LinkedIn",
        "date": "2023-05-04",
        "channel": "social_media",
        "audience": "250",
        "place": "LinkedIn",
    }
    added = client.post(url, {**values, "organisation": world.own.partner_org.pk})
    assert added.status_code == 302
    assert DisseminationEntry.objects.filter(title="Post on LinkedIn").exists()
    refused = client.post(url, {**values, "organisation": world.own.coordinator_org.pk})
    assert refused.status_code == 400  # not among the choices offered
    negative = client.post(
        url, {**values, "organisation": world.own.partner_org.pk, "audience": "-3"}
    )
    assert negative.status_code == 400


def test_a_partner_cannot_edit_the_coordinators_entry(world, client_as):
    theirs = DisseminationEntry.objects.create(
        project=world.own.project,
        organisation=world.own.coordinator_org,
        title="Press release",
        date="2023-02-01",
        channel="press",
    )
    client = client_as("partner")
    base = f"/projects/{world.own.project.pk}/dissemination/{theirs.pk}"
    assert client.get(f"{base}/edit/").status_code == 403
    assert client.post(f"{base}/remove/").status_code == 403
    assert DisseminationEntry.objects.filter(pk=theirs.pk).exists()


def test_the_coordinator_edits_and_removes(world, client_as):
    client = client_as("coordinator")
    entry = world.own.rows["dissemination"]
    base = f"/projects/{world.own.project.pk}/dissemination/{entry.pk}"
    saved = client.post(
        f"{base}/edit/",
        {
            "organisation": entry.organisation_id,
            "title": "Interview in Ouest-France",
            "date": "2023-03-01",
            "channel": "press",
            "audience": "5000",
        },
    )
    assert saved.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Interview in Ouest-France" and entry.audience == 5000
    assert client.post(f"{base}/remove/").status_code == 302
    assert not DisseminationEntry.objects.filter(pk=entry.pk).exists()


def test_a_result_is_registered_with_its_languages_and_copied_for_the_platform(world, client_as):
    client = client_as("coordinator")
    url = f"/projects/{world.own.project.pk}/results/"
    added = client.post(
        url,
        {
            "organisation": world.own.coordinator_org.pk,
            "title": "Digital inclusion toolbox",
            "description": "Twelve workshop activities.",
            "languages": ["en", "ro", "it"],
            "licence": "cc_by_sa_4",
            "link": "https://example.org/toolbox",
            "deliverable": world.own.rows["deliverables"].pk,
        },
    )
    assert added.status_code == 302, added.content
    result = Result.objects.get(title="Digital inclusion toolbox")
    assert result.languages == ["en", "ro", "it"]
    platform = client.get(f"{url}platform/")
    assert "Digital inclusion toolbox" in platform.text and "CC BY-SA 4.0" in platform.text
    download = client.get(f"{url}platform.csv")
    text = b"".join(download.streaming_content).decode()
    assert text.startswith('\ufeff"Project","Result title",')
    assert "Română" in text


def test_the_project_page_links_to_both(world, client_as):
    page = client_as("partner").get(f"/projects/{world.own.project.pk}/")
    assert f"/projects/{world.own.project.pk}/dissemination/" in page.text
    assert f"/projects/{world.own.project.pk}/results/" in page.text


def add_rows(world, count: int) -> None:
    for n in range(count):
        for organisation in (world.own.coordinator_org, world.own.partner_org):
            DisseminationEntry.objects.create(
                project=world.own.project,
                organisation=organisation,
                title=f"Talk {n}",
                date="2023-03-01",
                channel="event",
            )
            Result.objects.create(
                project=world.own.project,
                organisation=organisation,
                title=f"Guide {n}",
                description="A guide.",
                licence="cc_by_4",
            )


@pytest.mark.parametrize("page", ["dissemination/", "results/"])
@pytest.mark.parametrize("role", ["partner", "coordinator", "officer"])
def test_the_pages_cost_the_same_queries_for_few_and_many_rows(world, client_as, page, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(role)
    url = f"/projects/{world.own.project.pk}/{page}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_rows(world, 1)
    few = queries()
    add_rows(world, 6)
    assert queries() == few


@pytest.mark.parametrize(
    ("role", "own"), [("partner", "partner_org"), ("officer", "coordinator_org")]
)
def test_a_new_row_is_written_for_the_readers_own_partner_unless_they_pick_another(
    world, client_as, role, own
):
    for page in ("dissemination/", "results/"):
        form = client_as(role).get(f"/projects/{world.own.project.pk}/{page}").context["form"]
        assert form["organisation"].value() == getattr(world.own, own).pk


def test_a_dissemination_dated_after_today_is_refused_with_what_to_fix(world, client_as):
    response = client_as("coordinator").post(
        f"/projects/{world.own.project.pk}/dissemination/",
        {
            "organisation": world.own.coordinator_org.pk,
            "title": "Article in 2030",
            "date": (clock.today() + timedelta(days=1)).isoformat(),
            "channel": "press",
        },
    )
    assert response.status_code == 400
    assert "Log what has happened" in response.text
    assert not DisseminationEntry.objects.filter(title="Article in 2030").exists()
