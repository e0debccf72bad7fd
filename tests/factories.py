from datetime import date

import factory
from django.contrib.auth import get_user_model

from deliverables.models import Deliverable, WorkPackage
from meetings.models import ActionItem, Meeting
from partners.models import Organisation, Person
from projects.models import Objective, Partnership, Project


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("secret")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Cité des métiers n°{n}")
    short_name = factory.Sequence(lambda n: f"CdM {n}")
    country = "FR"
    city = "Paris"
    type = Organisation.Type.CAREER_CENTRE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Anne"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    acronym = factory.Sequence(lambda n: f"PROJ{n}")
    title = factory.Sequence(lambda n: f"Project number {n}")
    action = Project.Action.KA220_VET
    reference_number = factory.Sequence(lambda n: f"2022-1-FR01-KA220-VET-{n:09d}")
    start_date = date(2022, 9, 1)
    end_date = date(2024, 8, 31)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Partnership.Role.PARTNER


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage

    project = factory.SubFactory(ProjectFactory)
    code = factory.Sequence(lambda n: f"WP{n}")
    title = "Management"
    lead_organisation = factory.LazyAttribute(
        lambda wp: PartnershipFactory(project=wp.project).organisation
    )


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    project = factory.SubFactory(ProjectFactory)
    code = factory.Sequence(lambda n: f"D{n}")
    title = factory.Sequence(lambda n: f"Deliverable {n}")
    kind = Deliverable.Kind.GUIDE
    due_date = date(2023, 6, 30)
    lead_organisation = factory.LazyAttribute(
        lambda d: PartnershipFactory(project=d.project).organisation
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    project = factory.SubFactory(ProjectFactory)
    kind = Meeting.Kind.TRANSNATIONAL
    title = factory.Sequence(lambda n: f"Coordination meeting {n}")
    start_date = date(2023, 3, 14)
    end_date = date(2023, 3, 15)
    city = "Torino"
    country = "IT"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = "Send the draft to all partners"
    owner = factory.LazyAttribute(
        lambda item: PersonFactory(
            organisation=PartnershipFactory(project=item.meeting.project).organisation
        )
    )
    due_date = date(2023, 4, 30)


def paid_by_headings(project: Project) -> Project:
    """The project as a 2014–2020 strategic partnership, whose grant is split by budget
    headings (a 2021–2027 one is paid by lump sum)."""
    Project.objects.filter(pk=project.pk).update(
        action=Project.Action.KA202, reference_number=f"2019-1-FR01-KA202-{project.pk:06d}"
    )
    project.refresh_from_db()
    return project
