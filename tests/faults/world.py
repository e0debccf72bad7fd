"""People with one reminder each, enough for several chunks of digests."""

from datetime import date, timedelta

from projects.models import Partnership
from tests.factories import DeliverableFactory, PartnershipFactory, PersonFactory, ProjectFactory


def people_with_a_deadline(count: int, *, day: date) -> None:
    """`count` partner contacts, each leading one deliverable due a week after `day`."""
    project = ProjectFactory(
        start_date=day - timedelta(days=100), end_date=day + timedelta(days=300)
    )
    coordination = PartnershipFactory(project=project, role=Partnership.Role.COORDINATOR)
    coordination.contacts.add(PersonFactory(organisation=coordination.organisation))
    for n in range(count - 1):
        partnership = PartnershipFactory(project=project)
        partnership.contacts.add(PersonFactory(organisation=partnership.organisation))
        DeliverableFactory(
            project=project, code=f"D{n}", lead_organisation=partnership.organisation,
            due_date=day + timedelta(days=7),
        )  # fmt: skip
    # The coordinator's contact leads one too, so that every one of `count` people has mail.
    DeliverableFactory(
        project=project, code="DC", lead_organisation=coordination.organisation,
        due_date=day + timedelta(days=7),
    )  # fmt: skip
