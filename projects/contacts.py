"""Who is usually told of a change: the contact persons of a project, of its coordinator, or of
one of its partners. Each is a QuerySet, read in one query by activity.services.record."""

from django.db.models import QuerySet

from partners.models import Person

from .models import Partnership


def project_contacts(project_id: int) -> QuerySet[Person]:
    """Every contact person of the project's partnerships."""
    return Person.objects.filter(partnerships__project_id=project_id).distinct()


def coordinator_contacts(project_id: int) -> QuerySet[Person]:
    """The contact persons of the project's coordinating organisation."""
    return Person.objects.filter(
        partnerships__project_id=project_id,
        partnerships__role=Partnership.Role.COORDINATOR,
    ).distinct()


def organisation_contacts(project_id: int, organisation_id: int) -> QuerySet[Person]:
    """The contact persons of one organisation in the project (a deliverable's lead, say)."""
    return Person.objects.filter(
        partnerships__project_id=project_id, partnerships__organisation_id=organisation_id
    ).distinct()
