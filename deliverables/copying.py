"""A new project started from another one, as the next application usually is."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from common.content_languages import versions_of
from projects.models import Objective, Partnership, Project
from projects.setup import save_project

from .models import WorkPackage

# The identity a copy starts from; dates and the reference number are the new project's own.
TEMPLATE_FIELDS = [
    "action", "national_agency", "eu_grant", "description", "website", "officer",
    "deadline_reminder_days", "meeting_reminder_days",
]  # fmt: skip


def project_template(source: Project) -> Project:
    """An unsaved project with `source`'s identity and lead times, without dates or reference."""
    return Project(
        **{name: getattr(source, name) for name in TEMPLATE_FIELDS}, **versions_of(source)
    )


def copy_project(
    *, source: Project, project: Project, copied_by: AbstractBaseUser, today: date
) -> Project:
    """Save `project` (its identity as the officer completed it) with `source`'s work packages
    and objectives as a template.

    The partner organisations come along in their roles because each work package is led by
    one; their contact persons do not, nor do deliverables (they are dated), meetings or
    statuses: the new project starts with every objective not started.
    """
    with transaction.atomic():
        save_project(project=project, saved_by=copied_by, today=today)
        partnerships = list(source.partnerships.all())
        Partnership.objects.bulk_create(
            Partnership(project=project, organisation_id=p.organisation_id, role=p.role)
            for p in partnerships
        )
        WorkPackage.objects.bulk_create(
            WorkPackage(
                project=project,
                code=package.code,
                title=package.title,
                lead_organisation_id=package.lead_organisation_id,
            )
            for package in source.work_packages.all()
        )
        Objective.objects.bulk_create(
            Objective(
                project=project,
                number=objective.number,
                **versions_of(objective),
                description=objective.description,
            )
            for objective in source.objectives.all()
        )
    return project
