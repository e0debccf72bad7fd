"""A project's workbook into the database: every row found by its natural key, then created,
updated or left unchanged, each checked by the models' own rules (full_clean, the database's
constraints and triggers, the services' checks), all or nothing in one transaction."""

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from common.content_languages import stored_name, version_names
from deliverables.models import Deliverable, WorkPackage
from grants.services import stored_budget_mismatch
from meetings.models import Meeting
from meetings.services import check_participants
from partners.models import Organisation, Person
from projects.models import Objective, Partnership, Project
from projects.services import change_objective_status

from .deliverables_sheet import DeliverablesSheet
from .gates import Gate
from .layout import (
    DATE_COLUMNS,
    DELIVERABLE_FIELDS,
    SHEETS,
    WORK_PACKAGE_FIELDS,
    organisation_key,
)
from .objectives_sheet import ObjectivesSheet
from .partnerships_sheet import PartnershipsSheet
from .people_sheet import PeopleSheet
from .reading import Row, read_workbook
from .reading_csv import read_csv
from .rows import (
    Refused,
    find_organisation,
    look_alike,
    month_of,
    organisation_of,
    organisation_of_key,
    people_of,
    people_seen_by,
    read_local_days,
    refusals,
    refuse,
    save,
    set_many,
)
from .work_packages_sheet import WorkPackagesSheet

# The sheets checked row by row and written at once (workbooks.batched_sheet).
BATCHED = {
    "people": PeopleSheet,
    "partnerships": PartnershipsSheet,
    "objectives": ObjectivesSheet,
    "work packages": WorkPackagesSheet,
    "deliverables": DeliverablesSheet,
}


@dataclass
class SheetReport:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # row, column, message


@dataclass
class ImportReport:
    sheets: dict = field(default_factory=lambda: defaultdict(SheetReport))
    written: bool = False
    project: Project | None = None  # once written, the project the workbook holds
    # Why the project's budget no longer adds up to its grant, when the file changed the grant:
    # kept, as on every path (grants.services.budget_mismatch), and said.
    budget_mismatch: str = ""

    @property
    def refused(self) -> bool:
        return any(sheet.refused for sheet in self.sheets.values())


def import_workbook(
    *,
    path,
    reference: str | None = None,
    into: Project | None = None,
    dry_run: bool,
    name: str = "",
    language: str = "",
    user=None,
) -> ImportReport:
    """Read, check and write the workbook (or CSV file of one table) at `path`; nothing stays
    written when a row is refused or `dry_run` asks for the preview alone.

    `name` is the file's name when `path` is an open file: a name ending in .csv is read as CSV.
    Dates are read, and refusals written, in `language`, else in the active language. `user`
    is who imports from the pages, held to the API's rules and finding by their keys only the
    organisations and people they may see; None is the command line's operator, who may read and
    write everything."""
    with translation.override(language) if language else nullcontext():
        return read_and_write(path, reference, dry_run=dry_run, name=name, user=user, into=into)


def read_and_write(
    path, reference, *, dry_run: bool, name: str, user=None, into=None
) -> ImportReport:
    report = ImportReport()
    is_csv = str(name or path).lower().endswith(".csv")
    sheets = read_csv(path) if is_csv else read_workbook(path)
    with transaction.atomic():
        importer = Importer(sheets, report, reference, user=user, dry_run=dry_run, into=into)
        importer.run()
        report.project = importer.project
        if report.project is not None and report.project.pk and not report.refused:
            report.budget_mismatch = stored_budget_mismatch(report.project) or ""
        report.written = not (dry_run or report.refused)
        if not report.written:
            transaction.set_rollback(True)
    return report


class Importer:
    def __init__(
        self,
        sheets: dict[str, list[Row]],
        report: ImportReport,
        reference,
        *,
        user,
        dry_run=False,
        into: Project | None = None,
    ):
        self.sheets, self.report, self.reference = sheets, report, reference
        # The project a page imports into: the file's rows go there and nowhere else, whatever
        # reference they give (a project may have none yet, which would match any file's).
        self.into = into
        self.user, self.dry_run = user, dry_run
        self.gate = Gate(user)
        self.project: Project | None = None

    def run(self) -> None:
        steps = {
            "project": self.project_row, "organisations": self.organisation_row,
            "people": self.person_row, "partnerships": self.partnership_row,
            "objectives": self.objective_row, "work packages": self.work_package_row,
            "deliverables": self.deliverable_row, "meetings": self.meeting_row,
        }  # fmt: skip
        if not self.sheets.get("project"):
            # A file of other tables alone (a CSV file of deliverables, say) adds to the
            # project it is imported into.
            self.project = self.stored_project()
            if self.project is None:
                return
            del steps["project"]
        for title, step in steps.items():
            if title in BATCHED and self.sheets.get(title):
                sheet = BATCHED[title](
                    self.project, self.sheets[title], self.report.sheets[title], gate=self.gate
                )
                kept = not (self.dry_run or self.report.refused)
                if sheet.run(write=kept or sheet.read_by_later_sheets):
                    continue  # else the database refused: row by row, to name the row
            seen = set()
            for row in self.sheets.get(title, []):
                self.one(title, row, step, seen)
            if title == "project" and self.project is None:
                return  # every other sheet belongs to it

    def one(self, title, row, step, seen) -> None:
        sheet = self.report.sheets[title]
        read_local_days(row, DATE_COLUMNS.get(title, ()))
        try:
            with transaction.atomic():  # a refused row leaves nothing behind
                project_id = self.project.pk if self.project else None
                with self.gate.checking_values(title, project_id):
                    key, outcome = step(row)
                if outcome != "unchanged":
                    self.gate.check(title, project_id)
                if key in seen:
                    raise Refused(
                        SHEETS[title][0], _("%(key)s is given twice in this sheet.") % {"key": key}
                    )
                seen.add(key)
        except Refused as refusal:
            sheet.refused.append((row.number, refusal.column, refusal.message))
        except PermissionDenied as refusal:
            sheet.refused.append((row.number, "", str(refusal)))
        except ValidationError as error:
            for column, messages in refusals(error):
                sheet.refused.extend((row.number, column, message) for message in messages)
        except IntegrityError as error:
            sheet.refused.append((row.number, "", str(error).splitlines()[0]))
        else:
            getattr(sheet, outcome).append(row.number)

    def stored_project(self) -> Project | None:
        project = self.into or (
            Project.objects.filter(reference_number=self.reference).first()
            if self.reference
            else None
        )
        if project is None:
            title = next(iter(self.sheets), "project")
            self.report.sheets[title].refused.append(
                (
                    2,
                    "",
                    _(
                        "This file holds no project row: give the project sheet one row, or "
                        "import the file into its project (from the project's import page, or "
                        "with --project REFERENCE)."
                    ),
                )
            )
        return project

    # Each row: (its natural key, "created" | "updated" | "unchanged").

    def project_row(self, row):
        reference = row.text("reference_number")
        if self.into is not None:
            expected = self.into.reference_number
            if reference != expected:
                raise Refused(
                    "reference_number",
                    _("This workbook is %(reference)s, not %(expected)s.")
                    % {"reference": reference or "—", "expected": expected or self.into.acronym},
                )
            outcome = save(self.into, row, SHEETS["project"], {})
            self.project = self.into
            return reference or self.into.acronym, outcome
        if self.reference and reference != self.reference:
            raise Refused(
                "reference_number",
                _("This workbook is %(reference)s, not %(expected)s.")
                % {"reference": reference, "expected": self.reference},
            )
        if not reference:
            raise Refused("reference_number", _("Give the project's reference number."))
        project = Project.objects.filter(reference_number=reference).first() or Project()
        outcome = save(project, row, SHEETS["project"], {})
        self.project = project
        return reference, outcome

    def organisation_row(self, row):
        # The country as the database stores it (DE for de), so that the row finds its
        # organisation, or its look-alike, by its name and country.
        row.values["country"] = row.text("country").upper()
        key = row.text("oid") or row.text("pic") or f"{row.text('name')} ({row.text('country')})"
        found = find_organisation(key, user=self.user)
        organisation = found or self.same_name_without_conflict(row)
        if organisation is None:
            alike = look_alike(
                name=row.text("name"), country=row.text("country"),
                oid=row.text("oid"), pic=row.text("pic"), user=self.user,
            )  # fmt: skip
            if alike:  # never a silent second “Stiftung Digitale Chancen”
                raise Refused(
                    "name",
                    _("%(name)s is not stored. %(alike)s")
                    % {"name": row.text("name"), "alike": alike},
                )
            organisation = Organisation()
        # Found by its name, it keeps the OID and PIC the row leaves empty.
        names = [n for n in SHEETS["organisations"] if n not in ("oid", "pic") or row.text(n)]
        return key, save(organisation, row, names, {})

    def same_name_without_conflict(self, row) -> Organisation | None:
        """The stored organisation of the row's exact name and country when the row's OID or
        PIC is new and the stored one has none or the same: the row gives it its codes."""
        stored = find_organisation(f"{row.text('name')} ({row.text('country')})", user=self.user)
        if stored is None:
            return None
        for code in ("oid", "pic"):
            if getattr(stored, code) and row.text(code) and getattr(stored, code) != row.text(code):
                return None  # another organisation of the same name
        return stored

    def person_row(self, row):
        organisation = organisation_of(row, "organisation", user=self.user)
        email = row.text("email")
        people = people_seen_by(self.user).filter(organisation=organisation)
        person = (
            people_seen_by(self.user).filter(email__iexact=email).first()
            if email
            else people.filter(
                first_name=row.text("first_name"), last_name=row.text("last_name"), email=""
            ).first()
        ) or Person()
        names = [name for name in SHEETS["people"] if name != "organisation"]
        outcome = save(person, row, names, {"organisation": organisation})
        return email or f"{row.text('first_name')} {row.text('last_name')}", outcome

    def partnership_row(self, row):
        organisation = organisation_of(row, "organisation", user=self.user)
        partnership = Partnership.objects.filter(
            project=self.project, organisation=organisation
        ).first() or Partnership(project=self.project)
        outcome = save(partnership, row, ["role"], {"organisation": organisation})
        contacts = people_of(row, "contacts", user=self.user)
        outcome = set_many(partnership.contacts, contacts, outcome, row=row, column="contacts")
        return organisation_key(organisation), outcome

    def objective_row(self, row):
        number = row.text("number")
        objective = self.project.objectives.filter(number=number or None).first()
        if objective is None:
            return number, save(Objective(project=self.project), row, SHEETS["objectives"], {})
        names = ["number", "title", "description", *version_names("title")]
        outcome = save(objective, row, names, {})
        status = row.text("status")
        if (
            status
            and status != objective.status
            and change_objective_status(objective=objective, status=status, changed_by=self.user)
        ):
            outcome = "updated"
        return number, outcome

    def work_package_row(self, row):
        code = row.text("code")
        work_package = self.project.work_packages.filter(code=code).first() or WorkPackage(
            project=self.project
        )
        lead = organisation_of(row, "lead_organisation", user=self.user)
        return code, save(work_package, row, WORK_PACKAGE_FIELDS, {"lead_organisation": lead})

    def deliverable_row(self, row):
        if month := month_of(row, "due_date"):
            # A month alone: due on its last day, to be confirmed.
            row.values.update(due_date=month[1].isoformat(), due_date_confirmed="false")
        code = row.text("code")
        deliverable = self.project.deliverables.filter(code=code).first() or Deliverable(
            project=self.project
        )
        related = {"lead_organisation": organisation_of(row, "lead_organisation", user=self.user)}
        if row.text("work_package"):
            related["work_package"] = self.project.work_packages.filter(
                code=row.text("work_package")
            ).first() or refuse(
                "work_package",
                _("No work package %(code)s.") % {"code": row.text("work_package")},
            )
        else:
            related["work_package"] = None
        status = row.text("status")
        if status and status != deliverable.status and status not in Deliverable.PLANNED_STATUSES:
            # As in the API: handing in and reviewing record who and when, which a cell cannot.
            raise Refused(
                "status",
                _(
                    "Set %(status)s through /submit/, /approve/ or /request-changes/, which "
                    "record who and when."
                )
                % {"status": status},
            )
        outcome = save(deliverable, row, DELIVERABLE_FIELDS, related)
        contributors = [
            organisation_of_key(key, "contributors", user=self.user)
            for key in row.keys("contributors")
        ]
        return code, set_many(
            deliverable.contributors, contributors, outcome, row=row, column="contributors"
        )

    def meeting_row(self, row):
        self.meeting_month(row)
        meeting = self.project.meetings.filter(
            start_date=row.text("start_date") or None,
            **{stored_name(Meeting, "title"): row.text("title")},
        ).first() or Meeting(project=self.project)
        host = (
            organisation_of(row, "host_organisation", user=self.user)
            if row.text("host_organisation")
            else None
        )
        names = [n for n in SHEETS["meetings"] if n not in ("host_organisation", "participants")]
        outcome = save(meeting, row, [*names, "dates_confirmed"], {"host_organisation": host})
        participants = people_of(row, "participants", user=self.user)
        if "participants" in row.values:
            try:
                check_participants(project_id=self.project.pk, people=participants)
            except ValidationError as error:
                raise Refused("participants", " ".join(error.messages)) from None
        outcome = set_many(
            meeting.participants, participants, outcome, row=row, column="participants"
        )
        return f"{row.text('start_date')} {row.text('title')}", outcome

    @staticmethod
    def meeting_month(row) -> None:
        """A month alone for a meeting whose dates are to be confirmed: held, until then, on
        the month's first day (the end the same month, or left empty)."""
        start = month_of(row, "start_date")
        end = month_of(row, "end_date") if row.text("end_date") else start
        if start is None and end is None:
            row.values["dates_confirmed"] = "true"
            return
        if start is None or end != start:
            column = "end_date" if start else "start_date"
            raise Refused(
                column,
                _(
                    "A meeting whose dates are to be confirmed gives the same month alone in "
                    "start_date and end_date, e.g. 2026-04; once known, give both days."
                ),
            )
        first_day = start[0].isoformat()
        row.values.update(start_date=first_day, end_date=first_day, dates_confirmed="false")
