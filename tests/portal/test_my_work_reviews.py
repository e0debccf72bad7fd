"""My work and the review: the partner sees what the coordinator asks to change, the
coordinator sees what waits for their review."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliverables.services import request_changes
from tests.factories import DeliverableFactory
from tests.reviews_world import build_review_world, hand_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_world(world):
    return build_review_world(world)


def my_work(client, user) -> str:
    client.force_login(user)
    return client.get("/my-work/").content.decode()


def section(page: str, start: str) -> str:
    part = page[page.index(start) :]
    return part[: part.index("</section>")]


def test_the_lead_sees_the_changes_asked_and_submits_again_from_my_work(client, review_world):
    deliverable = review_world.deliverable
    users = review_world.users
    hand_in(deliverable, users["partner"])
    request_changes(
        deliverable=deliverable, requested_by=users["coordinator"], comment="Add the logos."
    )
    row = section(my_work(client, users["partner"]), 'id="deliverables-heading"')
    row = row[row.index(f'id="deliverable-{deliverable.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Changes requested" in row and "Add the logos." in row
    assert f'href="/deliverables/{deliverable.pk}/"' in row
    assert f'href="/deliverables/{deliverable.pk}/submit/"' in row and "Submit again" in row
    # A contributor sees the request too, but hands nothing in.
    row = section(my_work(client, users["contributor"]), 'id="deliverables-heading"')
    assert "Add the logos." in row and f"/deliverables/{deliverable.pk}/submit/" not in row


def test_the_coordinator_sees_what_waits_for_their_review(client, review_world, world):
    deliverable = review_world.deliverable
    users = review_world.users
    assert 'id="awaiting-review"' not in my_work(client, users["coordinator"])
    hand_in(deliverable, users["partner"], note="Chapters 1 to 3")
    elsewhere = world.other.rows["deliverables"]
    hand_in(elsewhere, users["other-coordinator"])
    waiting = section(my_work(client, users["coordinator"]), 'id="awaiting-review"')
    assert "Waiting for your review" in waiting
    assert f'href="/deliverables/{deliverable.pk}/#review"' in waiting
    assert "Chapters 1 to 3" in waiting
    assert f"/deliverables/{elsewhere.pk}/" not in waiting  # not a project they coordinate
    for role in ("partner", "contributor", "foreign-partner"):
        assert 'id="awaiting-review"' not in my_work(client, users[role])
    request_changes(deliverable=deliverable, requested_by=users["coordinator"], comment="No")
    assert 'id="awaiting-review"' not in my_work(client, users["coordinator"])  # reviewed


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_my_work_runs_the_same_queries_for_3_and_30_rounds(client, review_world, world, role):
    users = review_world.users
    project = world.own.project
    counts, done = [], 0
    client.force_login(users[role])
    for size in (3, 30):
        for n in range(done, size):
            deliverable = DeliverableFactory(
                project=project, lead_organisation=world.own.partner_org,
                due_date=review_world.deliverable.due_date,
            )  # fmt: skip
            hand_in(deliverable, users["partner"], link=f"https://example.org/{n}.pdf")
            if n % 2:
                request_changes(
                    deliverable=deliverable, requested_by=users["coordinator"], comment=f"R{n}"
                )
        done = size
        client.get("/my-work/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/my-work/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_submit_page_repeats_what_should_change(client, review_world):
    deliverable = review_world.deliverable
    users = review_world.users
    hand_in(deliverable, users["partner"])
    request_changes(
        deliverable=deliverable, requested_by=users["coordinator"], comment="Add the logos."
    )
    client.force_login(users["partner"])
    page = client.get(f"/deliverables/{deliverable.pk}/submit/").content.decode()
    asked = section(page, 'id="changes-asked"')
    assert "Add the logos." in asked
    assert f'href="/deliverables/{deliverable.pk}/#review-thread"' in asked
