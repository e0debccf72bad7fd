"""The reminders of a run and the items they name, read as plain rows: a run reads tens of
thousands of them, and building a model instance cost more than rendering the line it shows.

A row has the attributes the digest's lines read, named as the model names them; a translated
title is a dict of every language's version by column (title_en, title_fr…), which
common.content_languages.version_reader reads with lookup=dict.get as the field would.
"""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from common.content_languages import all_version_names
from meetings.models import Meeting
from partners.models import Person

from .models import Reminder

TITLES = tuple(all_version_names("title"))


class RecipientRow(NamedTuple):
    pk: int
    first_name: str
    last_name: str
    email: str
    preferred_language: str

    full_name = property(Person.full_name.fget)  # the model's own rule


class DigestRow(NamedTuple):
    pk: int
    status: str
    run_id: int
    day: date  # its run's
    recipient: RecipientRow


class ReminderRow(NamedTuple):
    kind: str
    item_id: int
    project_id: int | None
    item_date: date
    window: str
    role: str
    digest_id: int | None


class DeliverableRow(NamedTuple):
    pk: int
    code: str
    due_date: date
    titles: dict[str, str | None]


class ActionItemRow(NamedTuple):
    pk: int
    description: str
    due_date: date
    project_id: int | None  # its meeting's
    titles: dict[str, str | None]  # its meeting's


def digest_rows(queryset) -> list[DigestRow]:
    """The digests of `queryset` with what their mails and the run's report read of their
    recipients, by the recipients' last names."""
    recipient_columns = (f"recipient__{name}" for name in RecipientRow._fields)
    rows = queryset.order_by("recipient__last_name", "pk").values_list(
        "pk", "status", "run_id", "run__day", *recipient_columns
    )
    return [DigestRow(*row[:4], RecipientRow(*row[4:])) for row in rows]


def reminder_rows(digest_ids: Iterable[int]) -> list[ReminderRow]:
    """The reminders of these digests, by their item's date."""
    # A reminder's digest is the run's for its recipient (models.py): its id is the join's.
    columns = [*ReminderRow._fields[:-1], "digest__id"]
    rows = (
        Reminder.objects.filter(digest__id__in=list(digest_ids))
        .order_by("item_date")
        .values_list(*columns)
    )
    return list(map(ReminderRow._make, rows))


def deliverable_rows(queryset) -> dict[int, DeliverableRow]:
    # The columns as stored: modeltranslation would pass every row through its fallbacks, which
    # only a plain field's name (`title`) needs and which cost more than the query.
    rows = queryset.rewrite(False).values_list("pk", "code", "due_date", *TITLES)
    return {row[0]: DeliverableRow(*row[:3], versions(row[3:])) for row in rows}


def action_item_rows(queryset) -> dict[int, ActionItemRow]:
    items = list(queryset.values_list("pk", "description", "due_date", "meeting_id"))
    # Their meetings are read apart, by their ids: joined to the items, PostgreSQL chose to read
    # every meeting of the network to find the few they belong to.
    meeting_ids = {meeting_id for *_, meeting_id in items}
    meetings = {
        pk: (project_id, versions(titles))
        for pk, project_id, *titles in Meeting.objects.filter(pk__any=meeting_ids)
        .rewrite(False)
        .values_list("pk", "project_id", *TITLES)
    }
    return {
        pk: ActionItemRow(pk, description, due_date, *meetings[meeting_id])
        for pk, description, due_date, meeting_id in items
        if meeting_id in meetings  # deleted between the two reads, with its items
    }


def versions(values: tuple) -> dict[str, str | None]:
    return dict(zip(TITLES, values, strict=True))
