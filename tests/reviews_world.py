"""The people of a review: the world's roles, plus a contributor to the deliverable and a
partner of the other project, and a deliverable handed in by its lead."""

from dataclasses import dataclass

from deliverables.models import Contribution, Deliverable, Submission
from projects.models import Partnership
from tests.factories import PartnershipFactory, PersonFactory, UserFactory
from tests.world import World

ROLES = [
    "officer", "coordinator", "other-coordinator", "partner", "contributor", "foreign-partner",
    "anonymous",
]  # fmt: skip


def add_contact(project, role: str, username: str):
    partnership = PartnershipFactory(project=project, role=role)
    user = UserFactory(username=username)
    person = PersonFactory(
        organisation=partnership.organisation, user=user, email=f"{username}@example.org"
    )
    partnership.contacts.add(person)
    return partnership.organisation, user


@dataclass
class ReviewWorld:
    world: World
    deliverable: Deliverable
    users: dict


def build_review_world(world: World) -> ReviewWorld:
    deliverable = world.own.rows["deliverables"]  # led by the partner's organisation
    contributor_org, contributor = add_contact(
        world.own.project, Partnership.Role.PARTNER, "contributor"
    )
    Contribution.objects.create(deliverable=deliverable, organisation=contributor_org)
    _org, foreign = add_contact(world.other.project, Partnership.Role.PARTNER, "foreign-partner")
    users = {
        **world.users,
        "other-coordinator": world.other.people[0].user,
        "contributor": contributor,
        "foreign-partner": foreign,
    }
    return ReviewWorld(world, deliverable, users)


def hand_in(deliverable: Deliverable, user, link="https://example.org/guide-v1.pdf", note=""):
    submission = Submission.objects.create(
        deliverable=deliverable, submitted_by=user, link=link, note=note
    )
    Deliverable.objects.filter(pk=deliverable.pk).update(status=Deliverable.Status.SUBMITTED)
    deliverable.refresh_from_db()
    return submission
