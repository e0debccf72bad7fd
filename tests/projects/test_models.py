from datetime import date

import pytest

from projects.models import Partnership, Project
from tests.conftest import refused_by_database, refused_by_validation
from tests.factories import PartnershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("reference", "action"),
    [
        ("2017-1-FR01-KA202-037403", "KA202"),
        ("2018-1-FR01-KA204-047123", "KA204"),
        ("2021-1-FR01-KA220-VET-000012345", "KA220-VET"),
        ("2023-2-DE02-KA220-ADU-000154321", "KA220-ADU"),
        ("2022-1-IT01-KA210-VET-000081234", "KA210"),
    ],
)
def test_both_generations_of_reference_numbers_are_accepted(reference, action):
    ProjectFactory.build(reference_number=reference, action=action).full_clean()


@pytest.mark.parametrize(
    "reference",
    [
        "2017-FR01-KA202-037403",
        "2017-1-FR01-KA202-37403",
        "2021-1-FR01-KA220-VET-12345",
        "2021-1-fr01-KA220-VET-000012345",
        "KA202",
    ],
)
def test_a_malformed_reference_number_is_refused_with_both_formats_shown(reference):
    with refused_by_validation("reference_number", "2021-1-FR01-KA220-VET-000012345"):
        ProjectFactory.build(reference_number=reference).full_clean()
    with refused_by_database():
        ProjectFactory(reference_number=reference)


def test_a_reference_for_another_action_is_refused():
    project = ProjectFactory.build(reference_number="2017-1-FR01-KA202-037403", action="KA204")
    with refused_by_validation("reference_number", "for KA202, not KA204"):
        project.full_clean()


def test_a_project_cannot_end_before_it_starts():
    project = ProjectFactory.build(start_date=date(2019, 3, 1), end_date=date(2019, 2, 28))
    with refused_by_validation("__all__", "end date must be on or after the start date"):
        project.full_clean()
    with refused_by_database():
        ProjectFactory(start_date=date(2019, 3, 1), end_date=date(2019, 2, 28))


def test_acronyms_are_unique_whatever_their_case():
    ProjectFactory(acronym="COCADE")
    with refused_by_validation("__all__", "already uses this acronym"):
        ProjectFactory.build(acronym="Cocade").full_clean()
    with refused_by_database():
        ProjectFactory(acronym="cocade")


def test_a_negative_grant_is_refused():
    with refused_by_validation("eu_grant", "greater than or equal to 0"):
        ProjectFactory.build(eu_grant=-1).full_clean()
    with refused_by_database():
        ProjectFactory(eu_grant=-1)


def test_the_final_report_is_due_sixty_days_after_the_end():
    project = ProjectFactory.build(start_date=date(2017, 9, 1), end_date=date(2019, 2, 28))
    assert project.final_report_due == date(2019, 4, 29)
    assert project.duration_months == 18


def test_a_project_has_at_most_one_coordinator():
    first = PartnershipFactory(role=Partnership.Role.COORDINATOR)
    second = PartnershipFactory.build(project=first.project, role=Partnership.Role.COORDINATOR)
    second.organisation.save()
    with refused_by_validation("__all__", "already has a coordinator"):
        second.full_clean()
    with refused_by_database():
        PartnershipFactory(project=first.project, role=Partnership.Role.COORDINATOR)
    PartnershipFactory(project=first.project, role=Partnership.Role.PARTNER)


def test_an_organisation_joins_a_project_once():
    first = PartnershipFactory()
    with refused_by_database():
        Partnership.objects.create(project=first.project, organisation=first.organisation)


def test_running_on_finds_the_projects_of_a_day():
    running = ProjectFactory(start_date=date(2018, 9, 1), end_date=date(2020, 8, 31))
    ProjectFactory(start_date=date(2021, 1, 1), end_date=date(2022, 12, 31))
    assert list(Project.objects.running_on(date(2018, 11, 23))) == [running]
