"""A sheet checked row by row and written at once, in a fixed number of queries however many
rows it has: the stored rows and the organisations the sheet names read once each, every row
checked by the model's own rules (full_clean, with the project's partners read once), then the
rows written together.

What the database alone can refuse (a concurrent change, a trigger) makes the caller take the
sheet again row by row, which names the row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from deliverables.models import partner_ids

from .gates import Gate
from .layout import DATE_COLUMNS, SHEETS
from .reading import Row
from .rows import Refused, find_organisations, organisation_of_key, read_local_days, refusals


class BatchedSheet:
    title = ""  # the sheet's title in the workbook (workbooks.layout.SHEETS)
    organisation_columns = ()  # the columns that name organisations by their keys
    # Whether a later sheet finds these rows in the database (deliverables name their work
    # package): then they are written even where all will be rolled back (a preview, a sheet
    # with refused rows), so that the later sheet is checked as the confirmation would be.
    read_by_later_sheets = False
    # What plan() adds a row's writes to. A row refused once planned (its user may not write the
    # sheet) takes them back: it must never reach the write, whose outcome could tell of a row
    # the user does not see (an address already stored refused by the database).
    planned_writes = ("created", "updated")

    def __init__(self, project, rows: list[Row], sheet_report, *, gate: Gate | None = None):
        """`gate` holds who imports from the pages to the API's rules (workbooks.gates); its
        user None, or no gate, is the command line's operator."""
        self.project, self.rows, self.sheet = project, rows, sheet_report
        self.gate = gate or Gate(None)
        keys = {key for row in rows for name in self.organisation_columns for key in row.keys(name)}
        self.organisations = find_organisations(keys, user=self.gate.user)

    def run(self, *, write: bool = True) -> bool:
        """Check every row and, if `write`, write those accepted; False when the database
        refused the write, nothing of it kept, for the caller to take the rows one by one.

        Rows that no later sheet reads and that would be rolled back (the deliverables of a
        preview) are checked, not written: every rule the database enforces on a deliverable
        (triggers and constraints) is checked here first, so writing could only find a change
        made since, which the confirmation, writing for real, finds and names row by row. A
        sheet with a rule left to the database (one coordinator a project) is read later."""
        self.project.known_partner_ids = partner_ids(self.project)
        refused_before = len(self.sheet.refused)
        try:
            seen = set()
            for row in self.rows:
                read_local_days(row, DATE_COLUMNS.get(self.title, ()))
                self.check(row, seen)
        finally:
            del self.project.known_partner_ids
        if not write or (self.sheet.refused and not self.read_by_later_sheets):
            return True  # nothing of it would be kept
        try:
            with transaction.atomic():
                self.write()
        except IntegrityError:
            for outcome in (self.sheet.created, self.sheet.updated, self.sheet.unchanged):
                outcome.clear()
            del self.sheet.refused[refused_before:]  # the rows taken one by one name them again
            return False
        return True

    def check(self, row: Row, seen: set) -> None:
        marks = {name: len(getattr(self, name)) for name in self.planned_writes}
        try:
            with self.gate.checking_values(self.title, self.project.pk):
                outcome = self.plan(row, seen)
            if outcome != "unchanged":
                self.gate.check(self.title, self.project.pk)
        except Refused as refusal:
            self.take_back(marks)
            self.sheet.refused.append((row.number, refusal.column, refusal.message))
        except PermissionDenied as refusal:
            self.take_back(marks)
            self.sheet.refused.append((row.number, "", str(refusal)))
        except ValidationError as error:
            self.take_back(marks)
            for column, messages in refusals(error):
                self.sheet.refused.extend((row.number, column, message) for message in messages)
        else:
            getattr(self.sheet, outcome).append(row.number)

    def take_back(self, marks: dict[str, int]) -> None:
        """Forget what a refused row added to the writes planned (lists, and dicts in the order
        of their keys)."""
        for name, mark in marks.items():
            planned = getattr(self, name)
            for key in list(planned)[mark:] if isinstance(planned, dict) else []:
                del planned[key]
            if isinstance(planned, list):
                del planned[mark:]

    def plan(self, row: Row, seen: set) -> str:
        """Check the row and keep what it writes: "created", "updated" or "unchanged"."""
        raise NotImplementedError

    def once(self, key: str, seen: set) -> None:
        """Refuse a key the sheet gave already, as the one-row path does."""
        if key in seen:
            raise Refused(
                SHEETS[self.title][0], _("%(key)s is given twice in this sheet.") % {"key": key}
            )
        seen.add(key)

    def organisation(self, key: str, column: str):
        if not key:
            raise Refused(column, _("Give the organisation's OID, PIC or “Name (country code)”."))
        # Not found: the one-row lookup says why, naming any look-alike.
        return self.organisations.get(key) or organisation_of_key(key, column, user=self.gate.user)

    def write(self) -> None:
        raise NotImplementedError
