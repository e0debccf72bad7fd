"""The objectives sheet in a fixed number of queries, however many rows it has (see
workbooks.batched_sheet): the stored objectives read once; a status that changes still goes
through its service, which records who moved it and when, one objective at a time."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from common.content_languages import stored_names, version_names
from projects.models import Objective
from projects.services import change_objective_status

from .batched_sheet import BatchedSheet
from .gates import check_may_change_status
from .layout import SHEETS
from .reading import Row
from .rows import Refused, assign

# The number's uniqueness in the project is checked by the row's lookup (in the sheet and among
# the stored objectives), its being 1 or more by the field's own validator.
CHECKED_BY_LOOKUP = ["project"]
# A stored objective's own columns: its status changes through change_objective_status.
STORED_FIELDS = ["number", "title", "description", *version_names("title")]


def number_of(text: str) -> int | None:
    """The objective's number as the database compares it ("01" is 1), else None."""
    return int(text) if text.isdigit() else None


class ObjectivesSheet(BatchedSheet):
    title = "objectives"
    planned_writes = ("created", "updated", "status_changes")

    def __init__(self, project, rows: list[Row], sheet_report, *, gate=None):
        super().__init__(project, rows, sheet_report, gate=gate)
        self.stored = {objective.number: objective for objective in project.objectives.all()}
        self.created, self.updated, self.status_changes = [], [], []

    def plan(self, row: Row, seen: set) -> str:
        """The same checks as Importer.objective_row makes one row at a time."""
        number = number_of(row.text("number"))
        if row.text("number"):  # an empty one is refused by the field, as one row at a time
            self.once(row.text("number") if number is None else number, seen)
        objective = self.stored.get(number)
        if objective is None:
            objective = Objective(project=self.project)
            assign(objective, row, SHEETS["objectives"], {})
            self.clean(objective)
            self.created.append(objective)
            return "created"
        changed = assign(objective, row, STORED_FIELDS, {})
        if changed:
            self.clean(objective)
            self.updated.append(objective)
        status = row.text("status")
        if status and status != objective.status:
            # The field's own choices refuse an unknown status here, naming the row; the
            # service, in write(), records the change.
            try:
                Objective._meta.get_field("status").clean(status, objective)
            except ValidationError as error:
                raise Refused("status", " ".join(error.messages)) from None
            check_may_change_status(self.gate.user)
            self.status_changes.append((objective, status))
            changed = True
        return "updated" if changed else "unchanged"

    @staticmethod
    def clean(objective: Objective) -> None:
        objective.full_clean(
            exclude=CHECKED_BY_LOOKUP, validate_unique=False, validate_constraints=False
        )

    def write(self) -> None:
        Objective.objects.bulk_create(self.created)
        now = timezone.now()
        for objective in self.updated:
            objective.updated_at = now
        fields = stored_names(Objective, [*STORED_FIELDS, "updated_at"])
        Objective.objects.bulk_update(self.updated, fields)
        for objective, status in self.status_changes:
            change_objective_status(objective=objective, status=status, changed_by=self.gate.user)
