from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from deliverables.models import WorkPackage
from partners.models import Organisation
from projects.models import Partnership, Project
from tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    WorkPackageFactory,
)


@dataclass
class Plan:
    """A KA220 project of the 2022 call, two partners, a management package and two others."""

    project: Project
    coordinator: Organisation
    partner: Organisation
    management: WorkPackage
    research: WorkPackage
    training: WorkPackage

    def split(self, management, research, training) -> dict:
        """Each package's amount, shared half and half between the two partners."""
        amounts = {}
        for package, total in (
            (self.management, management),
            (self.research, research),
            (self.training, training),
        ):
            half = Decimal(total) / 2
            amounts[(package.pk, self.coordinator.pk)] = half
            amounts[(package.pk, self.partner.pk)] = half
        return amounts


@pytest.fixture
def plan(db) -> Plan:
    project = ProjectFactory(
        acronym="GRANT",
        reference_number="2022-1-FR01-KA220-VET-000000042",
        start_date=date(2022, 9, 1),
        end_date=date(2024, 8, 31),
        eu_grant=Decimal("250000.00"),
    )
    coordinator = OrganisationFactory(short_name="COORD")
    partner = OrganisationFactory(short_name="PART")
    PartnershipFactory(project=project, organisation=coordinator, role=Partnership.Role.COORDINATOR)
    PartnershipFactory(project=project, organisation=partner)
    packages = [
        WorkPackageFactory(project=project, code=code, lead_organisation=coordinator, position=n)
        for n, code in enumerate(["WP1", "WP2", "WP3"])
    ]
    return Plan(project, coordinator, partner, *packages)
