"""The deliverables sheet in a fixed number of queries, however many rows it has (see
workbooks.batched_sheet): the stored deliverables with their contributors, the work packages and
the named organisations read once each."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from common.content_languages import stored_names
from deliverables.models import Contribution, Deliverable
from deliverables.work_plan import check_contributors

from .batched_sheet import BatchedSheet
from .layout import DELIVERABLE_FIELDS
from .reading import Row
from .rows import Refused, assign, month_of, refuse

# Checked by the row's lookups (codes unique in the sheet and found in the project; the
# related rows found by their keys) rather than by one query per row and field.
CHECKED_BY_LOOKUP = ["project", "work_package", "lead_organisation"]


class DeliverablesSheet(BatchedSheet):
    title = "deliverables"
    planned_writes = ("created", "updated", "contributions")
    organisation_columns = ("lead_organisation", "contributors")

    def __init__(self, project, rows: list[Row], sheet_report, *, gate=None):
        super().__init__(project, rows, sheet_report, gate=gate)
        contributions = Contribution.objects.only("deliverable_id", "organisation_id")
        self.stored = {
            deliverable.code: deliverable
            for deliverable in project.deliverables.prefetch_related(
                Prefetch("contributions", queryset=contributions)
            )
        }
        self.packages = {package.code: package for package in project.work_packages.all()}
        self.created, self.updated, self.contributions = [], [], {}

    def plan(self, row: Row, seen: set) -> str:
        deliverable, changed, contributors = self.planned(row, seen)
        stored_contributors = (
            {c.organisation_id for c in deliverable.contributions.all()}
            if deliverable.pk
            else set()
        )
        # A sheet without the column keeps each deliverable's contributors as they are.
        wanted = (
            {organisation.pk for organisation in contributors}
            if "contributors" in row.values
            else stored_contributors
        )
        if wanted != stored_contributors:
            self.contributions[id(deliverable)] = (deliverable, stored_contributors, contributors)
        if deliverable.pk is None:
            self.created.append(deliverable)
            return "created"
        if changed:
            self.updated.append(deliverable)
        return "updated" if changed or wanted != stored_contributors else "unchanged"

    def planned(self, row: Row, seen: set):
        """The row's deliverable with the row's values set and checked, whether it changed,
        and its contributors: the same checks as deliverable_row makes one row at a time."""
        if month := month_of(row, "due_date"):
            row.values.update(due_date=month[1].isoformat(), due_date_confirmed="false")
        code = row.text("code")
        self.once(code, seen)
        deliverable = self.stored.get(code) or Deliverable(project=self.project)
        lead = self.organisation(row.text("lead_organisation"), "lead_organisation")
        related = {"lead_organisation": lead}
        package_code = row.text("work_package")
        related["work_package"] = (
            self.packages.get(package_code)
            or refuse("work_package", _("No work package %(code)s.") % {"code": package_code})
            if package_code
            else None
        )
        status = row.text("status")
        if status and status != deliverable.status and status not in Deliverable.PLANNED_STATUSES:
            raise Refused(
                "status",
                _(
                    "Set %(status)s through /submit/, /approve/ or /request-changes/, which "
                    "record who and when."
                )
                % {"status": status},
            )
        changed = assign(deliverable, row, DELIVERABLE_FIELDS, related)
        if changed:
            deliverable.full_clean(
                exclude=CHECKED_BY_LOOKUP, validate_unique=False, validate_constraints=False
            )
        contributors = list(  # once each, as a set of them is
            {
                organisation.pk: organisation
                for key in row.keys("contributors")
                for organisation in [self.organisation(key, "contributors")]
            }.values()
        )
        try:
            check_contributors(self.project, contributors)
        except ValidationError as error:
            raise Refused("contributors", " ".join(error.messages)) from None
        return deliverable, changed, contributors

    def write(self) -> None:
        Deliverable.objects.bulk_create(self.created)
        now = timezone.now()
        for deliverable in self.updated:
            deliverable.updated_at = now
        fields = [*DELIVERABLE_FIELDS, "work_package", "lead_organisation", "updated_at"]
        Deliverable.objects.bulk_update(self.updated, stored_names(Deliverable, fields))
        removed, added = [], []
        for deliverable, stored, contributors in self.contributions.values():
            wanted = {organisation.pk for organisation in contributors}
            if stored - wanted:
                removed.extend(
                    contribution.pk
                    for contribution in deliverable.contributions.all()
                    if contribution.organisation_id not in wanted
                )
            added.extend(
                Contribution(deliverable=deliverable, organisation=organisation)
                for organisation in contributors
                if organisation.pk not in stored
            )
        if removed:
            Contribution.objects.filter(pk__in=removed).delete()
        Contribution.objects.bulk_create(added)
