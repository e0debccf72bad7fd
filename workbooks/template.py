"""The import template: the workbook layout's sheets, each with its header, one example row of
a small made-up project, and drop-down lists where a column takes one of a list of values.

The lists live in a hidden sheet (a list written into the validation itself may hold only 255
characters, far fewer than the countries); the import passes over that sheet. Imported as it
is, the template creates the example project, so a first-time user can try the import on it."""

from datetime import date

from django.db import models
from django_countries import countries
from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from common.languages import SPOKEN_LANGUAGES
from deliverables.models import Deliverable
from meetings.models import PROJECT_KINDS
from partners.models import Organisation
from projects.models import Objective, Partnership, Project

from .layout import LISTS_SHEET, SHEETS

COORDINATOR = "Example Career Centre (FR)"
PARTNER = "Beispiel Bildungswerk (DE)"

EXAMPLE = {
    "project": [{
        "reference_number": "2025-1-FR01-KA220-VET-000000001", "acronym": "EXAMPLE",
        "title": "An example project: replace this row with yours", "action": "KA220-VET",
        "national_agency": "FR01 – Agence Erasmus+ France", "start_date": date(2025, 9, 1),
        "end_date": date(2027, 8, 31), "status": "running", "eu_grant": 250000,
        "interim_report_due": date(2026, 9, 30), "website": "https://example.org/project",
        "description": "",
    }],
    "organisations": [
        {"name": "Example Career Centre", "short_name": "ECC", "country": "FR", "city": "Paris",
         "type": "career_centre", "website": "https://example.org", "is_network_member": True},
        {"name": "Beispiel Bildungswerk", "short_name": "BBW", "country": "DE", "city": "Köln",
         "type": "education", "website": "https://example.org/bbw", "is_network_member": False},
    ],
    "people": [
        {"email": "claire.martin@example.org", "first_name": "Claire", "last_name": "Martin",
         "job_title": "Project manager", "organisation": COORDINATOR,
         "preferred_language": "fr"},
        {"email": "jonas.weber@example.org", "first_name": "Jonas", "last_name": "Weber",
         "job_title": "Trainer", "organisation": PARTNER, "preferred_language": "de"},
    ],
    "partnerships": [
        {"organisation": COORDINATOR, "role": "coordinator",
         "contacts": "claire.martin@example.org"},
        {"organisation": PARTNER, "role": "partner", "contacts": "jonas.weber@example.org"},
    ],
    "objectives": [
        {"number": 1, "title": "Train 40 career guidance practitioners",
         "status": "not_started",
         "title_fr": "Former 40 professionnels de l’orientation",
         "title_de": "40 Fachkräfte der Berufsberatung fortbilden"},
    ],
    "work packages": [
        {"code": "WP1", "title": "Project management", "lead_organisation": COORDINATOR,
         "start_month": 1, "end_month": 24, "position": 1},
    ],
    "deliverables": [
        {"code": "D1.1", "title": "Quality plan", "kind": "guide", "work_package": "WP1",
         "lead_organisation": COORDINATOR, "contributors": PARTNER,
         "due_date": date(2025, 12, 31), "due_date_confirmed": True,
         "dissemination_level": "PU", "position": 1, "status": "planned"},
        # A month alone: the due date is to be confirmed, held on the month's last day.
        {"code": "D1.2", "title": "Interim report", "kind": "guide", "work_package": "WP1",
         "lead_organisation": COORDINATOR, "due_date": "2026-09",
         "dissemination_level": "SEN", "position": 2, "status": "planned"},
    ],
    "meetings": [
        {"start_date": date(2025, 10, 14), "title": "Kick-off meeting", "kind": "kick_off",
         "end_date": date(2025, 10, 15), "host_organisation": COORDINATOR,
         "venue": "Example Career Centre", "city": "Paris", "country": "FR", "is_online": False,
         "participants": "claire.martin@example.org; jonas.weber@example.org"},
        # A month alone: the dates are to be confirmed.
        {"start_date": "2026-04", "title": "Second transnational meeting",
         "kind": "transnational", "end_date": "2026-04", "host_organisation": PARTNER,
         "city": "Köln", "country": "DE", "is_online": False,
         "title_fr": "Deuxième réunion transnationale", "city_fr": "Cologne"},
    ],
}  # fmt: skip


def choices(field_choices) -> list[str]:
    return [str(value) for value, _label in field_choices]


# Each list of values, and the columns (sheet, column) that take one of them.
LISTS = {
    "action": (choices(Project.Action.choices), [("project", "action")]),
    "project status": (choices(Project.Status.choices), [("project", "status")]),
    "organisation type": (choices(Organisation.Type.choices), [("organisations", "type")]),
    "country": (
        [code for code, _name in countries],
        [("organisations", "country"), ("meetings", "country")],
    ),
    "language": (list(SPOKEN_LANGUAGES), [("people", "preferred_language")]),
    "role": (choices(Partnership.Role.choices), [("partnerships", "role")]),
    "objective status": (choices(Objective.Status.choices), [("objectives", "status")]),
    "deliverable kind": (choices(Deliverable.Kind.choices), [("deliverables", "kind")]),
    # Submitted and approved are reached by handing in and reviewing, never by a cell.
    "deliverable status": (list(Deliverable.PLANNED_STATUSES), [("deliverables", "status")]),
    "dissemination level": (
        choices(Deliverable.DisseminationLevel.choices),
        [("deliverables", "dissemination_level")],
    ),
    "meeting kind": (PROJECT_KINDS, [("meetings", "kind")]),
    "true or false": (
        ["true", "false"],
        [("organisations", "is_network_member"), ("deliverables", "due_date_confirmed"),
         ("meetings", "is_online")],
    ),
}  # fmt: skip
ROWS_WITH_LISTS = 1000  # the drop-downs reach this far down each sheet


def cell(value):
    if isinstance(value, models.Choices):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_template(target) -> None:
    """The template workbook into a file or path."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {}
    for title, columns in SHEETS.items():
        sheet = sheets[title] = workbook.create_sheet(title)
        sheet.append(columns)
        for example in EXAMPLE[title]:
            sheet.append([cell(example.get(name, "")) for name in columns])
        for number, name in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = max(14, len(name) + 4)
            if "date" in name or name == "interim_report_due":
                for row in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                    row[0].number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for number, (name, (values, columns)) in enumerate(LISTS.items(), start=1):
        letter = get_column_letter(number)
        lists.cell(row=1, column=number, value=name)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=number, value=value)
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        for title, column in columns:
            sheet = sheets[title]
            # The spreadsheet program's own refusal, in its user's language.
            validation = DataValidation(
                type="list", formula1=source, allow_blank=True, showErrorMessage=True
            )
            letter_in_sheet = get_column_letter(SHEETS[title].index(column) + 1)
            validation.add(f"{letter_in_sheet}2:{letter_in_sheet}{ROWS_WITH_LISTS}")
            sheet.add_data_validation(validation)
    workbook.save(target)
