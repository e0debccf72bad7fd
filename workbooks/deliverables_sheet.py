"""The deliverables sheet in a fixed number of queries, however many rows it has: the stored
deliverables, work packages and named organisations read once each, every row checked by the
models' own rules (full_clean, with the project's partners read once), then written together.

What the database alone can refuse (a concurrent change, a trigger) makes the sheet be taken
again row by row, which names the row."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from deliverables.models import Contribution, Deliverable, partner_ids
from deliverables.work_plan import check_contributors

from .layout import DATE_COLUMNS, DELIVERABLE_FIELDS, SHEETS
from .reading import Row
from .rows import (
    Refused,
    assign,
    find_organisations,
    month_of,
    organisation_of_key,
    read_local_days,
    refusals,
    refuse,
)

# Checked by the row's lookups (codes unique in the sheet and found in the project; the
# related rows found by their keys) rather than by one query per row and field.
CHECKED_BY_LOOKUP = ["project", "work_package", "lead_organisation"]


class DeliverablesSheet:
    def __init__(self, project, rows: list[Row], sheet_report):
        self.project, self.rows, self.sheet = project, rows, sheet_report
        contributions = Contribution.objects.only("deliverable_id", "organisation_id")
        self.stored = {
            deliverable.code: deliverable
            for deliverable in project.deliverables.prefetch_related(
                Prefetch("contributions", queryset=contributions)
            )
        }
        self.packages = {package.code: package for package in project.work_packages.all()}
        keys = {row.text("lead_organisation") for row in rows}
        keys.update(key for row in rows for key in row.keys("contributors"))
        self.organisations = find_organisations(keys - {""})
        self.created, self.updated, self.contributions = [], [], {}

    def run(self) -> bool:
        """Check and write every row; False when the database refused the write, nothing of
        it kept, for the caller to take the rows one by one."""
        self.project.known_partner_ids = partner_ids(self.project)
        try:
            seen = set()
            for row in self.rows:
                read_local_days(row, DATE_COLUMNS["deliverables"])
                self.check(row, seen)
        finally:
            del self.project.known_partner_ids
        if self.sheet.refused:
            return True  # nothing is written anyway
        try:
            with transaction.atomic():
                self.write()
        except IntegrityError:
            for outcome in (self.sheet.created, self.sheet.updated, self.sheet.unchanged):
                outcome.clear()
            return False
        return True

    def check(self, row: Row, seen: set) -> None:
        try:
            deliverable, changed, contributors = self.plan(row, seen)
        except Refused as refusal:
            self.sheet.refused.append((row.number, refusal.column, refusal.message))
            return
        except ValidationError as error:
            for column, messages in refusals(error):
                self.sheet.refused.extend((row.number, column, message) for message in messages)
            return
        stored_contributors = (
            {c.organisation_id for c in deliverable.contributions.all()}
            if deliverable.pk
            else set()
        )
        wanted = {organisation.pk for organisation in contributors}
        if deliverable.pk is None:
            self.created.append(deliverable)
            self.sheet.created.append(row.number)
        elif changed or wanted != stored_contributors:
            if changed:
                self.updated.append(deliverable)
            self.sheet.updated.append(row.number)
        else:
            self.sheet.unchanged.append(row.number)
        if wanted != stored_contributors:
            self.contributions[id(deliverable)] = (deliverable, stored_contributors, contributors)

    def plan(self, row: Row, seen: set):
        """The row's deliverable with the row's values set and checked, whether it changed,
        and its contributors: the same checks as deliverable_row makes one row at a time."""
        if month := month_of(row, "due_date"):
            row.values.update(due_date=month[1].isoformat(), due_date_confirmed="false")
        code = row.text("code")
        if code in seen:
            raise Refused(
                SHEETS["deliverables"][0],
                _("%(key)s is given twice in this sheet.") % {"key": code},
            )
        seen.add(code)
        deliverable = self.stored.get(code) or Deliverable(project=self.project)
        related = {"lead_organisation": self.organisation(row.text("lead_organisation"), row)}
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
                for organisation in [self.organisation(key, row, "contributors")]
            }.values()
        )
        try:
            check_contributors(self.project, contributors)
        except ValidationError as error:
            raise Refused("contributors", " ".join(error.messages)) from None
        return deliverable, changed, contributors

    def organisation(self, key: str, row: Row, column: str = "lead_organisation"):
        if not key:
            raise Refused(column, _("Give the organisation's OID, PIC or “Name (country code)”."))
        # Not found: the one-row lookup says why, naming any look-alike.
        return self.organisations.get(key) or organisation_of_key(key, column)

    def write(self) -> None:
        Deliverable.objects.bulk_create(self.created)
        now = timezone.now()
        for deliverable in self.updated:
            deliverable.updated_at = now
        fields = [*DELIVERABLE_FIELDS, "work_package", "lead_organisation", "updated_at"]
        Deliverable.objects.bulk_update(self.updated, fields)
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
