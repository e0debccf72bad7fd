from datetime import date

import pytest

from deliverables.models import Contribution, Deliverable, WorkPackage
from projects.models import Project
from tests.conftest import refused_by_database, refused_by_validation
from tests.factories import (
    DeliverableFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(start_date=date(2017, 9, 1), end_date=date(2019, 2, 28))


@pytest.fixture
def partner(project):
    return PartnershipFactory(project=project).organisation


@pytest.mark.parametrize("due", [date(2017, 8, 31), date(2019, 3, 1)])
def test_a_deliverable_is_due_within_its_project(project, partner, due):
    deliverable = Deliverable(
        project=project, code="IO2", title="Vademecum", lead_organisation=partner, due_date=due
    )
    with refused_by_validation("due_date", "1 September 2017 to 28 February 2019"):
        deliverable.full_clean()
    with refused_by_database():
        deliverable.save()


def test_the_first_and_last_days_of_the_project_are_within_it(project, partner):
    for code, due in [("D1", project.start_date), ("D2", project.end_date)]:
        Deliverable(
            project=project, code=code, title="x", lead_organisation=partner, due_date=due
        ).full_clean()


def test_the_lead_must_be_a_partner_of_the_project(project):
    outsider = OrganisationFactory()
    deliverable = Deliverable(
        project=project,
        code="IO2",
        title="x",
        lead_organisation=outsider,
        due_date=date(2018, 1, 1),
    )
    with refused_by_validation("lead_organisation", "partner of the project"):
        deliverable.full_clean()
    with refused_by_database():
        deliverable.save()


def test_a_lead_of_another_project_is_not_a_partner_of_this_one(project):
    elsewhere = PartnershipFactory().organisation
    with refused_by_database():
        Deliverable.objects.filter(pk=DeliverableFactory(project=project).pk).update(
            lead_organisation=elsewhere
        )


def test_contributors_must_be_partners_of_the_project(project):
    deliverable = DeliverableFactory(project=project, due_date=date(2018, 11, 30))
    outsider = OrganisationFactory()
    contribution = Contribution(deliverable=deliverable, organisation=outsider)
    with refused_by_validation("organisation", "partner of the project"):
        contribution.full_clean()
    with refused_by_database():
        deliverable.contributors.add(outsider)
    partner = PartnershipFactory(project=project).organisation
    deliverable.contributors.add(partner)
    assert list(deliverable.contributors.all()) == [partner]


def test_codes_are_unique_within_a_project_only(project):
    DeliverableFactory(project=project, code="IO1", due_date=date(2018, 1, 1))
    DeliverableFactory(code="IO1")
    with refused_by_validation("__all__", "already has a deliverable with this code"):
        DeliverableFactory.build(
            project=project, code="IO1", lead_organisation=OrganisationFactory()
        ).full_clean()
    with refused_by_database():
        DeliverableFactory(project=project, code="IO1", due_date=date(2018, 1, 1))


def test_a_work_package_is_led_by_a_partner(project):
    outsider = OrganisationFactory()
    package = WorkPackage(project=project, code="WP1", title="x", lead_organisation=outsider)
    with refused_by_validation("lead_organisation", "partner of the project"):
        package.full_clean()
    with refused_by_database():
        package.save()


def test_a_work_package_code_is_unique_within_a_project(project):
    WorkPackageFactory(project=project, code="WP2")
    with refused_by_database():
        WorkPackageFactory(project=project, code="WP2")


def test_a_deliverable_cannot_sit_in_another_projects_work_package(project, partner):
    foreign_package = WorkPackageFactory()
    deliverable = Deliverable(
        project=project,
        work_package=foreign_package,
        code="D1",
        title="x",
        lead_organisation=partner,
        due_date=date(2018, 1, 1),
    )
    with refused_by_validation("work_package", "another project"):
        deliverable.full_clean()
    with refused_by_database():
        deliverable.save()


def test_shortening_a_project_cannot_strand_its_deliverables(project):
    DeliverableFactory(project=project, code="IO2", due_date=date(2018, 11, 30))
    project.end_date = date(2018, 10, 31)
    with refused_by_validation("end_date", "IO2 would fall outside"):
        project.full_clean()
    with refused_by_database():
        Project.objects.filter(pk=project.pk).update(end_date=date(2018, 10, 31))


def test_late_is_derived_from_the_due_date_and_the_status(project):
    open_and_due = DeliverableFactory(project=project, due_date=date(2018, 11, 30))
    handed_in = DeliverableFactory(
        project=project, due_date=date(2018, 11, 30), status=Deliverable.Status.SUBMITTED
    )
    not_yet_due = DeliverableFactory(project=project, due_date=date(2018, 12, 31))

    today = date(2018, 12, 1)
    assert list(Deliverable.objects.late(today)) == [open_and_due]
    assert open_and_due.is_late(today)
    assert not handed_in.is_late(today)
    assert not not_yet_due.is_late(today)
    assert not open_and_due.is_late(date(2018, 11, 30))
    assert set(Deliverable.objects.open().due_by(date(2018, 12, 31))) == {
        open_and_due,
        not_yet_due,
    }
