"""`?mine=` and `?late=`: `true` and `false` answer the two halves of the list, never the same."""

from datetime import date

import pytest

from projects.models import Project
from tests.factories import ActionItemFactory, DeliverableFactory

pytestmark = pytest.mark.django_db


def ids(api, user, url) -> set[int]:
    response = api(user).get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "resource, name, role",
    [("deliverables", "mine", "partner"), ("deliverables", "late", "officer"),
     ("action-items", "mine", "partner"), ("action-items", "late", "officer")],
)  # fmt: skip
def test_true_and_false_split_the_list(api, world, resource, name, role):
    own = world.own
    # Running past today, so that some of its work is not late yet.
    Project.objects.filter(pk=own.project.pk).update(end_date=date(2099, 12, 31))
    DeliverableFactory(project=own.project, lead_organisation=own.partner_org,
                       due_date=date(2023, 1, 1))  # fmt: skip
    DeliverableFactory(project=own.project, lead_organisation=own.coordinator_org,
                       due_date=date(2099, 1, 1))  # fmt: skip
    meeting = own.rows["meetings"]
    ActionItemFactory(
        meeting=meeting, owner=world.users["partner"].person, due_date=date(2023, 1, 1)
    )
    ActionItemFactory(meeting=meeting, owner=own.people[0], due_date=date(2099, 1, 1))
    user = world.users[role]
    every = ids(api, user, f"/api/{resource}/?page_size=1000")
    yes = ids(api, user, f"/api/{resource}/?page_size=1000&{name}=true")
    no = ids(api, user, f"/api/{resource}/?page_size=1000&{name}=false")
    assert yes and no
    assert yes | no == every
    assert not yes & no
