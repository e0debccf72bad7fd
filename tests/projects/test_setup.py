"""The set-up services refuse whoever is no officer, and keep every rule of the models."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deliverables.copying import copy_project, project_template
from partners.models import Organisation
from projects.models import Partnership, Project
from projects.setup import create_organisation, save_partnership, save_project, status_on
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_only_officers_set_up(world):
    coordinator = world.users["coordinator"]
    project = world.own.project
    project.title = "Changed"
    with pytest.raises(PermissionDenied):
        save_project(project=project, saved_by=coordinator)
    with pytest.raises(PermissionDenied):
        create_organisation(organisation=Organisation(name="X"), created_by=coordinator)
    partnership = Partnership(project=project, organisation=world.spare_organisation)
    with pytest.raises(PermissionDenied):
        save_partnership(partnership=partnership, contacts=[], saved_by=coordinator)
    project.refresh_from_db()
    assert project.title != "Changed"


def test_a_partnership_keeps_its_contacts_in_its_organisation(world):
    officer = world.users["officer"]
    stranger = PersonFactory()
    partnership = Partnership(project=world.own.project, organisation=world.spare_organisation)
    with pytest.raises(ValidationError) as refusal:
        save_partnership(partnership=partnership, contacts=[stranger], saved_by=officer)
    assert "do not work for Spare" in refusal.value.message_dict["contacts"][0]
    assert partnership.pk is None


def test_an_organisation_keeps_its_oid_unique(world):
    OrganisationFactory(oid="E10000002")
    with pytest.raises(ValidationError) as refusal:
        create_organisation(
            organisation=Organisation(name="Copy", short_name="C", country="FR", oid="E10000002"),
            created_by=world.users["officer"],
        )
    assert "Another organisation already has this OID." in refusal.value.messages


@pytest.mark.parametrize(
    ("today", "status"),
    [(date(2021, 12, 31), "preparation"), (date(2022, 1, 1), "running"),
     (date(2025, 1, 1), "ended")],
)  # fmt: skip
def test_a_project_status_follows_its_dates(world, today, status):
    assert status_on(world.own.project, today) == status


def test_a_copy_is_refused_whole_when_its_identity_is_invalid(world):
    source = world.own.project
    copy = project_template(source)
    copy.acronym = "own"  # taken, in other letters
    copy.start_date, copy.end_date = date(2026, 1, 1), date(2027, 12, 31)
    with pytest.raises(ValidationError):
        copy_project(
            source=source, project=copy, copied_by=world.users["officer"], today=date(2025, 1, 1)
        )
    assert Project.objects.count() == 2  # OWN and OTHER, nothing half-copied
