"""The header's count, the notices' list and each project's activity page, for every role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activity.models import Event, Notification
from activity.services import record

from .conftest import ROLES

pytestmark = pytest.mark.django_db


def notify(world, users, *, project=None, verb=Event.Verb.APPROVED, target="D1 Guide", **extra):
    """An event of the tracker's own (no actor, so everyone given is told)."""
    return record(
        project=project or world.own.project,
        actor=None,
        verb=verb,
        target=target,
        link=f"/projects/{(project or world.own.project).pk}/#deliverables",
        notify=users,
        **extra,
    )


def header_count(page: str) -> str | None:
    """The number in the header's badge, or None without one."""
    header = page[page.index('class="notices"') :]
    header = header[: header.index("</a>")]
    if 'class="badge"' not in header:
        return None
    return header.split('class="badge">')[1].split("<")[0]


def test_the_header_counts_the_readers_unread_notices(world, reader, people):
    partner = people["partner"]
    for n in range(3):
        notify(world, [partner], target=f"D{n}")
    client = reader("partner")
    assert header_count(client.get("/my-work/").content.decode()) == "3"
    first = Notification.objects.filter(recipient=partner).first()
    Notification.objects.filter(pk=first.pk).update(read_at="2024-01-01T00:00Z")
    assert header_count(client.get("/projects/").content.decode()) == "2"


def test_no_badge_without_unread_notices(world, reader):
    assert header_count(reader("coordinator").get("/my-work/").content.decode()) is None


def test_the_count_costs_one_query_per_page(world, reader, people):
    notify(world, [people["partner"]])
    client = reader("partner")
    with CaptureQueriesContext(connection) as queries:
        client.get("/my-work/")
    counting = [q for q in queries.captured_queries if "activity_notification" in q["sql"]]
    assert len(counting) == 1


@pytest.mark.parametrize("role", ROLES)
def test_each_reader_lists_only_their_own_notices(world, reader, people, role):
    own = notify(world, [people["partner"], people["coordinator"], people["officer"]],
                 target="Handed in here")  # fmt: skip
    notify(world, [people["other-coordinator"], people["other-partner"]],
           project=world.other.project, target="Elsewhere")  # fmt: skip
    response = reader(role).get("/notifications/")
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Handed in here" in page) == (role in {"partner", "coordinator", "officer"})
    assert ("Elsewhere" in page) == (role in {"other-coordinator", "other-partner"})
    if role == "partner":
        notice = own.notifications.get(recipient=people["partner"])
        assert f'href="/notifications/{notice.pk}/"' in page
        assert "The tracker approved Handed in here." in page


def test_opening_a_notice_marks_it_read_and_leads_to_its_page(world, reader, people):
    event = notify(world, [people["partner"]])
    notice = event.notifications.get()
    response = reader("partner").get(f"/notifications/{notice.pk}/")
    assert response.status_code == 302
    assert response["Location"] == event.link
    notice.refresh_from_db()
    assert notice.is_read


@pytest.mark.parametrize("role", ["coordinator", "other-partner", "officer"])
def test_someone_elses_notice_answers_404(world, reader, people, role):
    notice = notify(world, [people["partner"]]).notifications.get()
    assert reader(role).get(f"/notifications/{notice.pk}/").status_code == 404
    notice.refresh_from_db()
    assert not notice.is_read


def test_a_notice_about_a_project_one_left_is_hidden(world, reader, people):
    notice = notify(world, [people["partner"]], target="Before leaving").notifications.get()
    world.own.rows["partnerships"].contacts.clear()  # the partner no longer sees OWN
    client = reader("partner")
    page = client.get("/notifications/").content.decode()
    assert "Before leaving" not in page
    assert header_count(page) is None
    assert client.get(f"/notifications/{notice.pk}/").status_code == 404


def test_a_link_off_the_site_is_never_followed(world, reader, people):
    event = notify(world, [people["partner"]])
    Event.objects.filter(pk=event.pk).update(link="https://example.org/elsewhere")
    notice = event.notifications.get()
    response = reader("partner").get(f"/notifications/{notice.pk}/")
    assert response["Location"] == f"/projects/{world.own.project.pk}/activity/"


def test_mark_all_read_is_a_post(world, reader, people):
    notify(world, [people["partner"]])
    notify(world, [people["partner"], people["coordinator"]])
    client = reader("partner")
    assert client.get("/notifications/read/").status_code == 405
    page = client.get("/notifications/").content.decode()
    assert "Mark all read" in page
    response = client.post("/notifications/read/", follow=True)
    assert response.status_code == 200
    assert not Notification.objects.filter(recipient=people["partner"]).unread().exists()
    assert Notification.objects.filter(recipient=people["coordinator"]).unread().count() == 1
    assert header_count(response.content.decode()) is None


def test_mark_all_read_needs_the_csrf_token(world, people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["partner"])
    notify(world, [people["partner"]])
    assert client.post("/notifications/read/").status_code == 403
    assert Notification.objects.unread().count() == 1


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_list_costs_the_same_for_10_or_100_notices(world, reader, people):
    client = reader("partner")
    for n in range(10):
        notify(world, [people["partner"]], target=f"D{n}", details={"from": "a", "to": "b"})
    small = count_queries(client, "/notifications/")
    for n in range(90):
        notify(world, [people["partner"]], verb=Event.Verb.OBJECTIVE_CHANGED, target=f"O{n}",
               details={"from": "in_progress", "to": "achieved"})  # fmt: skip
    assert count_queries(client, "/notifications/") == small
    assert count_queries(client, "/notifications/?page=4") == small


def test_the_list_pages_newest_first(world, reader, people):
    for n in range(30):
        notify(world, [people["partner"]], target=f"Deliverable number {n}")
    client = reader("partner")
    first = client.get("/notifications/").content.decode()
    assert "Deliverable number 29" in first and "Deliverable number 4 " not in first
    assert first.index("Deliverable number 29") < first.index("Deliverable number 28")
    second = client.get("/notifications/?page=2").content.decode()
    assert "Deliverable number 0" in second


@pytest.mark.parametrize("role", ROLES)
def test_the_project_activity_page_for_each_role(world, reader, role):
    notify(world, [], target="Shown on its page")
    notify(world, [], project=world.other.project, target="Elsewhere")
    response = reader(role).get(f"/projects/{world.own.project.pk}/activity/")
    if role == "anonymous":
        assert response.status_code == 302
        return
    sees_it = role in {"officer", "coordinator", "partner"}
    assert response.status_code == (200 if sees_it else 404)
    if sees_it:
        page = response.content.decode()
        assert "Shown on its page" in page and "Elsewhere" not in page


def test_the_project_page_shows_the_last_events(world, reader):
    for n in range(7):
        notify(world, [], target=f"Deliverable {n}x")
    page = reader("partner").get(f"/projects/{world.own.project.pk}/").content.decode()
    section = page[page.index('id="activity"') :]
    assert "Deliverable 6x" in section and "Deliverable 2x" in section
    assert "Deliverable 1x" not in section
    assert f'href="/projects/{world.own.project.pk}/activity/"' in section


def test_the_activity_page_costs_the_same_for_10_or_100_events(world, reader):
    client = reader("coordinator")
    url = f"/projects/{world.own.project.pk}/activity/"
    for n in range(10):
        notify(world, [], target=f"D{n}")
    small = count_queries(client, url)
    for n in range(90):
        record(project=world.own.project, actor=None, verb=Event.Verb.MEETING_MOVED,
               target=f"M{n}", details={"from": ["2023-01-01", "2023-01-02"],
                                         "to": ["2023-01-03", "2023-01-03"]})  # fmt: skip
    assert count_queries(client, url) == small


def test_a_notice_reads_in_the_readers_language(world, reader, people, officer):
    record(
        project=world.own.project, actor=officer, verb=Event.Verb.OBJECTIVE_CHANGED,
        target="1. Map the services", notify=[people["partner"]],
        details={"from": "in_progress", "to": "almost_achieved"},
    )  # fmt: skip
    client = reader("partner")
    english = client.get("/notifications/").content.decode()
    assert "changed the status of objective 1. Map the services from In progress to Almost" in (
        english
    )
    with translation.override("fr"):
        french = client.get("/notifications/", headers={"accept-language": "fr"})
    page = french.content.decode()
    assert "a fait passer l’objectif 1. Map the services de «\u00a0En cours\u00a0» à" in page
    assert "Notifications" in page and "Tout marquer comme lu" in page


def test_the_project_page_costs_the_same_for_10_or_100_events(world, reader):
    client = reader("partner")
    url = f"/projects/{world.own.project.pk}/"
    for n in range(10):
        notify(world, [], target=f"D{n}")
    small = count_queries(client, url)
    for n in range(90):
        notify(world, [], target=f"D{n}")
    assert count_queries(client, url) == small
