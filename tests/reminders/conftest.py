from dataclasses import dataclass
from datetime import date

import pytest

from projects.models import Partnership
from tests.factories import (
    DeliverableFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
)
from tests.reminders.backends import ScriptedBackend


@dataclass
class Team:
    project: object
    lead: object  # the lead organisation's contact, who reads French
    coordinator: object
    deliverable: object  # due on 30 November 2018, led by the lead's organisation


@pytest.fixture
def team(db) -> Team:
    project = ProjectFactory(
        acronym="COCADE", start_date=date(2017, 9, 1), end_date=date(2019, 2, 28)
    )
    coordination = PartnershipFactory(project=project, role=Partnership.Role.COORDINATOR)
    coordinator = PersonFactory(
        organisation=coordination.organisation, first_name="Julien", preferred_language="en"
    )
    coordination.contacts.add(coordinator)
    partnership = PartnershipFactory(project=project)
    lead = PersonFactory(
        organisation=partnership.organisation, first_name="Élodie", preferred_language="fr"
    )
    partnership.contacts.add(lead)
    deliverable = DeliverableFactory(
        project=project,
        code="IO2",
        title="Vademecum",
        lead_organisation=partnership.organisation,
        due_date=date(2018, 11, 30),
    )
    return Team(project, lead, coordinator, deliverable)


@pytest.fixture
def scripted(settings):
    """A mail backend that fails on cue (tests/reminders/backends.py)."""
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.failures = {}
    ScriptedBackend.opened = 0
    yield ScriptedBackend
    ScriptedBackend.failures = {}
