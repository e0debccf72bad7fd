"""Setting a project up: its identity, its partners and the organisations they are.

The officers' work (projects.access.may_manage_network); the pages, the API and the admin call
these, so each refuses with the same words.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from partners.models import Organisation, Person

from . import access
from .contacts import project_contacts
from .models import Partnership, Project
from .services import has_budget_share


def check_officer(user: AbstractBaseUser) -> None:
    if not access.may_manage_network(user):
        raise PermissionDenied(_("Only project officers set up projects and their partners."))


def status_on(project: Project, today: date) -> str:
    """The status a project's dates give it on `today`, as the nightly job would move it."""
    if today < project.start_date:
        return Project.Status.IN_PREPARATION
    if today > project.end_date:
        return Project.Status.ENDED
    return Project.Status.RUNNING


def save_project(
    *, project: Project, saved_by: AbstractBaseUser, today: date | None = None
) -> Project:
    """Create or change a project's identity, once every rule of the model holds.

    Given `today`, a new project starts in the status its dates give it (the API and the admin
    let the status be chosen instead).
    """
    check_officer(saved_by)
    with transaction.atomic():
        created = project.pk is None
        if created and today is not None and project.start_date and project.end_date:
            project.status = status_on(project, today)
        project.full_clean()
        project.save()
        record(
            project=project,
            actor=saved_by,
            verb=Event.Verb.PROJECT_CREATED if created else Event.Verb.PROJECT_CHANGED,
            target=project.acronym,
            link=reverse("project-detail", args=[project.pk]),
        )  # nobody is told: a new project has no contacts yet, an edit is on its page
    return project


def check_contacts(organisation: Organisation, contacts: Iterable[Person]) -> None:
    """A partnership's contact persons work for its organisation."""
    strangers = [person for person in contacts if person.organisation_id != organisation.pk]
    if strangers:
        raise ValidationError(
            {
                "contacts": _("%(names)s do not work for %(organisation)s; add them there first.")
                % {
                    "names": ", ".join(person.full_name for person in strangers),
                    "organisation": organisation,
                }
            }
        )


def check_no_money_for_associated(partnership: Partnership) -> None:
    """An associated partner receives no part of the grant: one holding budget amounts stays a
    full partner until they are moved (the database refuses it too, grants.db_rules)."""
    if partnership.role == Partnership.Role.ASSOCIATED and has_budget_share(partnership):
        raise ValidationError(
            {
                "role": _(
                    "%(organisation)s holds a share of the budget, and an associated partner "
                    "receives no part of the grant: move its amounts to the full partners first."
                )
                % {"organisation": partnership.organisation}
            }
        )


def save_partnership(
    *, partnership: Partnership, contacts: Iterable[Person], saved_by: AbstractBaseUser
) -> Partnership:
    """Add an organisation to a project, or change its role, with its contact persons."""
    check_officer(saved_by)
    people = list(contacts)
    with transaction.atomic():
        check_contacts(partnership.organisation, people)
        added = partnership.pk is None
        before = set() if added else set(partnership.contacts.values_list("pk", flat=True))
        partnership.full_clean()
        check_no_money_for_associated(partnership)
        partnership.save()
        partnership.contacts.set(people)
        if added or before != {person.pk for person in people}:
            record(
                project=partnership.project_id,
                actor=saved_by,
                verb=Event.Verb.PARTNER_ADDED if added else Event.Verb.CONTACTS_CHANGED,
                target=partnership.organisation.name,
                link=reverse("project-detail", args=[partnership.project_id]) + "#partners",
                notify=project_contacts(partnership.project_id),
            )
    return partnership


def create_organisation(
    *, organisation: Organisation, created_by: AbstractBaseUser
) -> Organisation:
    """Record a new organisation. Whether it is a look-alike of a known one is asked before
    (partners.matching); its OID and PIC stay unique whatever the answer."""
    check_officer(created_by)
    with transaction.atomic():
        organisation.full_clean()
        organisation.save()
    return organisation
