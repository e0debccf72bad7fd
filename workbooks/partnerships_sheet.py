"""The partnerships sheet in a fixed number of queries, however many rows it has (see
workbooks.batched_sheet): the project's partnerships with their contacts, the organisations and
the people the sheet names read once each. A second coordinator, or any other row the database
refuses, takes the sheet row by row, which names the row in the constraint's own words."""

from django.utils import timezone

from projects.models import Partnership

from .batched_sheet import BatchedSheet
from .layout import organisation_key
from .reading import Row
from .rows import assign, find_people, person_of_key

# The organisation is found by its key, once in the sheet (its uniqueness in the project).
CHECKED_BY_LOOKUP = ["project", "organisation"]
Contact = Partnership.contacts.through


class PartnershipsSheet(BatchedSheet):
    title = "partnerships"
    planned_writes = ("created", "updated", "new_contacts", "removed_contacts")
    organisation_columns = ("organisation",)
    read_by_later_sheets = True  # the work plan's leads and the meetings' people are partners'

    def __init__(self, project, rows: list[Row], sheet_report, *, gate=None):
        super().__init__(project, rows, sheet_report, gate=gate)
        self.stored = {p.organisation_id: p for p in project.partnerships.all()}
        self.contacts = {}  # {partnership id: {person id: its contact row's id}}
        for contact in Contact.objects.filter(partnership__project=project):
            self.contacts.setdefault(contact.partnership_id, {})[contact.person_id] = contact.pk
        keys = {key for row in rows for key in row.keys("contacts")}
        self.people = find_people(keys, user=self.gate.user)
        self.created, self.updated, self.new_contacts = [], [], []
        self.removed_contacts = []

    def plan(self, row: Row, seen: set) -> str:
        """The same checks as Importer.partnership_row makes one row at a time."""
        organisation = self.organisation(row.text("organisation"), "organisation")
        self.once(organisation_key(organisation), seen)
        partnership = self.stored.get(organisation.pk) or Partnership(project=self.project)
        changed = assign(partnership, row, ["role"], {"organisation": organisation})
        if changed:
            partnership.full_clean(
                exclude=CHECKED_BY_LOOKUP, validate_unique=False, validate_constraints=False
            )
        wanted = {
            person.pk: person
            for key in row.keys("contacts")
            for person in [
                self.people.get(key) or person_of_key(key, "contacts", user=self.gate.user)
            ]
        }
        stored = self.contacts.get(partnership.pk, {}) if partnership.pk else {}
        if "contacts" not in row.values:
            wanted = stored  # a sheet without the column keeps the contacts as they are
        if set(wanted) != set(stored):
            self.removed_contacts.extend(
                pk for person, pk in stored.items() if person not in wanted
            )
            self.new_contacts.extend(
                (partnership, person) for pk, person in wanted.items() if pk not in stored
            )
        if partnership.pk is None:
            self.created.append(partnership)
            return "created"
        if changed:
            self.updated.append(partnership)
        return "updated" if changed or set(wanted) != set(stored) else "unchanged"

    def write(self) -> None:
        Partnership.objects.bulk_create(self.created)
        now = timezone.now()
        for partnership in self.updated:
            partnership.updated_at = now
        Partnership.objects.bulk_update(self.updated, ["role", "organisation", "updated_at"])
        if self.removed_contacts:
            Contact.objects.filter(pk__in=self.removed_contacts).delete()
        Contact.objects.bulk_create(
            Contact(partnership=partnership, person=person)
            for partnership, person in self.new_contacts
        )
