"""The people sheet in a fixed number of queries, however many rows it has (see
workbooks.batched_sheet): the stored people it names (by e-mail, else by name at their
organisation) and their organisations read once each. A stored person who moves to another
organisation is still checked by Person.clean, one query each."""

from django.db.models.functions import Lower
from django.utils import timezone

from partners.models import Person

from .batched_sheet import BatchedSheet
from .layout import SHEETS
from .reading import Row
from .rows import assign, people_seen_by

# The organisation is found by its key; the e-mail's uniqueness is the database's to refuse,
# which takes the sheet row by row and names the row.
CHECKED_BY_LOOKUP = ["organisation"]
FIELDS = [name for name in SHEETS["people"] if name != "organisation"]


class PeopleSheet(BatchedSheet):
    title = "people"
    organisation_columns = ("organisation",)
    read_by_later_sheets = True  # partnerships and meetings name people

    def __init__(self, project, rows: list[Row], sheet_report, *, gate=None):
        super().__init__(project, rows, sheet_report, gate=gate)
        emails = {row.text("email").lower() for row in rows} - {""}
        self.by_email = {
            person.email.lower(): person
            for person in people_seen_by(self.gate.user)
            .alias(lowered=Lower("email"))
            .filter(lowered__in=emails)
        }
        self.by_name = {}
        unnamed = people_seen_by(self.gate.user).filter(
            email="", organisation__in=self.organisations.values()
        )
        for person in unnamed:  # the first by the people's order, as .first() gives
            key = (person.organisation_id, person.first_name, person.last_name)
            self.by_name.setdefault(key, person)
        self.created, self.updated = [], []

    def plan(self, row: Row, seen: set) -> str:
        """The same checks as Importer.person_row makes one row at a time."""
        organisation = self.organisation(row.text("organisation"), "organisation")
        email = row.text("email")
        self.once(email or f"{row.text('first_name')} {row.text('last_name')}", seen)
        person = (
            self.by_email.get(email.lower())
            if email
            else self.by_name.get((organisation.pk, row.text("first_name"), row.text("last_name")))
        ) or Person()
        if not assign(person, row, FIELDS, {"organisation": organisation}):
            return "unchanged"
        person.full_clean(
            exclude=CHECKED_BY_LOOKUP, validate_unique=False, validate_constraints=False
        )
        if person.pk is None:
            self.created.append(person)
            return "created"
        self.updated.append(person)
        return "updated"

    def write(self) -> None:
        Person.objects.bulk_create(self.created)
        now = timezone.now()
        for person in self.updated:
            person.updated_at = now
        Person.objects.bulk_update(self.updated, [*FIELDS, "organisation", "updated_at"])
