"""Logging dissemination and registering results: one rule for who may write in whose name
(projects.access.may_record_outreach), whichever path writes (page, API, admin)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from activity.models import Event
from activity.services import record
from projects import access
from projects.contacts import coordinator_contacts

from .models import DisseminationEntry, Result

EDITABLE_ENTRY_FIELDS = {
    "organisation",
    "title",
    "date",
    "place",
    "channel",
    "audience",
    "link",
    "notes",
}
EDITABLE_RESULT_FIELDS = {
    "organisation", "title", "description", "languages", "licence", "link", "deliverable",
}  # fmt: skip


def refusal_message() -> str:
    return _(
        "Partners record dissemination and results for their own organisation only; "
        "project officers and the coordinator for any partner."
    )


def check_may_record(user, project_id: int, organisation_id: int | None) -> None:
    if not access.may_record_outreach(user, project_id, organisation_id):
        raise PermissionDenied(refusal_message())


def _apply(row, values: dict, allowed: set[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"Not a field one may set: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(row, name, value)


@transaction.atomic
def log_dissemination(*, project, logged_by, **values) -> DisseminationEntry:
    """Add an entry to the project's dissemination log, in a partner's name."""
    entry = DisseminationEntry(project=project)
    _apply(entry, values, EDITABLE_ENTRY_FIELDS)
    check_may_record(logged_by, project.pk, entry.organisation_id)
    entry.full_clean()
    entry.save()
    record(
        project=project,
        actor=logged_by,
        verb=Event.Verb.DISSEMINATION_LOGGED,
        target=entry.title,
        link=reverse("project-dissemination", args=[project.pk]),
        notify=coordinator_contacts(project.pk),
    )
    return entry


@transaction.atomic
def update_dissemination(*, entry: DisseminationEntry, changed_by, **values) -> DisseminationEntry:
    """Change an entry; a partner may neither change another's nor hand theirs to another."""
    check_may_record(changed_by, entry.project_id, entry.organisation_id)
    _apply(entry, values, EDITABLE_ENTRY_FIELDS)
    check_may_record(changed_by, entry.project_id, entry.organisation_id)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def remove_dissemination(*, entry: DisseminationEntry, removed_by) -> None:
    check_may_record(removed_by, entry.project_id, entry.organisation_id)
    entry.delete()


@transaction.atomic
def register_result(*, project, registered_by, **values) -> Result:
    """Add a result to the project's register, in a partner's name."""
    result = Result(project=project)
    _apply(result, values, EDITABLE_RESULT_FIELDS)
    check_may_record(registered_by, project.pk, result.organisation_id)
    result.full_clean()
    result.save()
    record(
        project=project,
        actor=registered_by,
        verb=Event.Verb.RESULT_REGISTERED,
        target=result.title,
        link=reverse("project-results", args=[project.pk]),
        notify=coordinator_contacts(project.pk),
    )
    return result


@transaction.atomic
def update_result(*, result: Result, changed_by, **values) -> Result:
    check_may_record(changed_by, result.project_id, result.organisation_id)
    _apply(result, values, EDITABLE_RESULT_FIELDS)
    check_may_record(changed_by, result.project_id, result.organisation_id)
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def remove_result(*, result: Result, removed_by) -> None:
    check_may_record(removed_by, result.project_id, result.organisation_id)
    result.delete()
