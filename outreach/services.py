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


def _add(row, *, by, values: dict, allowed: set[str], verb: str, page: str):
    """Write a new entry or result in a partner's name and tell the coordinator's contacts."""
    _apply(row, values, allowed)
    check_may_record(by, row.project_id, row.organisation_id)
    row.full_clean()
    row.save()
    record(
        project=row.project,
        actor=by,
        verb=verb,
        target=row.title,
        link=reverse(page, args=[row.project_id]),
        notify=coordinator_contacts(row.project_id),
    )
    return row


def _change(row, *, by, values: dict, allowed: set[str]):
    """Checked before and after: a partner may neither change another's row nor hand theirs
    to another organisation."""
    check_may_record(by, row.project_id, row.organisation_id)
    _apply(row, values, allowed)
    check_may_record(by, row.project_id, row.organisation_id)
    row.full_clean()
    row.save()
    return row


def _remove(row, *, by) -> None:
    check_may_record(by, row.project_id, row.organisation_id)
    row.delete()


@transaction.atomic
def log_dissemination(*, project, logged_by, **values) -> DisseminationEntry:
    """Add an entry to the project's dissemination log, in a partner's name."""
    return _add(
        DisseminationEntry(project=project),
        by=logged_by,
        values=values,
        allowed=EDITABLE_ENTRY_FIELDS,
        verb=Event.Verb.DISSEMINATION_LOGGED,
        page="project-dissemination",
    )


@transaction.atomic
def update_dissemination(*, entry: DisseminationEntry, changed_by, **values) -> DisseminationEntry:
    return _change(entry, by=changed_by, values=values, allowed=EDITABLE_ENTRY_FIELDS)


@transaction.atomic
def remove_dissemination(*, entry: DisseminationEntry, removed_by) -> None:
    _remove(entry, by=removed_by)


@transaction.atomic
def register_result(*, project, registered_by, **values) -> Result:
    """Add a result to the project's register, in a partner's name."""
    return _add(
        Result(project=project),
        by=registered_by,
        values=values,
        allowed=EDITABLE_RESULT_FIELDS,
        verb=Event.Verb.RESULT_REGISTERED,
        page="project-results",
    )


@transaction.atomic
def update_result(*, result: Result, changed_by, **values) -> Result:
    return _change(result, by=changed_by, values=values, allowed=EDITABLE_RESULT_FIELDS)


@transaction.atomic
def remove_result(*, result: Result, removed_by) -> None:
    _remove(result, by=removed_by)
