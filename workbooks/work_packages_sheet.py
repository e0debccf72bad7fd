"""The work packages sheet in a fixed number of queries, however many rows it has (see
workbooks.batched_sheet): the stored work packages and the named leads read once each."""

from django.utils import timezone

from common.content_languages import stored_names
from deliverables.models import WorkPackage

from .batched_sheet import BatchedSheet
from .layout import WORK_PACKAGE_FIELDS
from .reading import Row
from .rows import assign

# Checked by the row's lookups (codes unique in the sheet, the lead found by its key and a
# partner, see WorkPackage.clean) rather than by one query per row and field; the period's
# constraint is WorkPackage.clean's rule too.
CHECKED_BY_LOOKUP = ["project", "lead_organisation"]


class WorkPackagesSheet(BatchedSheet):
    title = "work packages"
    organisation_columns = ("lead_organisation",)
    read_by_later_sheets = True  # the deliverables name their work package

    def __init__(self, project, rows: list[Row], sheet_report, *, gate=None):
        super().__init__(project, rows, sheet_report, gate=gate)
        self.stored = {package.code: package for package in project.work_packages.all()}
        self.created, self.updated = [], []

    def plan(self, row: Row, seen: set) -> str:
        """The same checks as Importer.work_package_row makes one row at a time."""
        code = row.text("code")
        self.once(code, seen)
        package = self.stored.get(code) or WorkPackage(project=self.project)
        lead = self.organisation(row.text("lead_organisation"), "lead_organisation")
        if not assign(package, row, WORK_PACKAGE_FIELDS, {"lead_organisation": lead}):
            return "unchanged"
        package.full_clean(
            exclude=CHECKED_BY_LOOKUP, validate_unique=False, validate_constraints=False
        )
        if package.pk is None:
            self.created.append(package)
            return "created"
        self.updated.append(package)
        return "updated"

    def write(self) -> None:
        WorkPackage.objects.bulk_create(self.created)
        now = timezone.now()
        for package in self.updated:
            package.updated_at = now
        fields = [*WORK_PACKAGE_FIELDS, "lead_organisation", "updated_at"]
        WorkPackage.objects.bulk_update(self.updated, stored_names(WorkPackage, fields))
