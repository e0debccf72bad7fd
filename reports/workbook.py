"""The report pack as a workbook, one sheet per part of the pack: money as numbers to the cent,
days as dates, and every text stored as text, so that a title starting with = + - @ is never
taken for a formula (as common.exports writes its lists)."""

import io
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.exports import sheet_name, workbook_text
from common.labels import choice_label
from grants.models import FundingModel

from .gathering import ReportPack

MONEY_FORMAT = "#,##0.00"
DAY_FORMAT = "yyyy-mm-dd"
WIDEST_COLUMN = 60


def report_pack_xlsx(pack: ReportPack) -> bytes:
    """The pack as .xlsx bytes, its headings and labels in the active language."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in sheets(pack):
        write_sheet(workbook.create_sheet(sheet_name(title)), columns, rows)
    stored = io.BytesIO()
    workbook.save(stored)
    return stored.getvalue()


def sheets(pack: ReportPack):
    yield _("Project"), [_("Field"), _("Value")], project_rows(pack)
    yield (
        _("Work plan"),
        [_("Work package"), _("Code"), _("Deliverable"), _("Kind"), _("Lead"), _("Due"),
         _("Status"), _("Late"), _("Approved on"), _("Links")],
        [
            [f"{package.code} {package.title}".strip(), d.code, d.title, d.kind, d.lead,
             d.due_date, d.status, yes_no(d.late), d.approved_on, "\n".join(d.links)]
            for package in pack.packages
            for d in package.deliverables
        ],
    )  # fmt: skip
    yield (
        _("Activities"),
        [_("Activity"), _("Kind"), _("Dates"), _("Place"), _("Country"), _("Held"),
         _("Expected"), _("Attended"), _("Eligible"), _("Local"), _("International"),
         _("Evidence missing")],
        [
            [a.title, a.kind, a.dates, a.place, a.country, yes_no(a.held), a.counts.expected,
             a.counts.attended, a.counts.eligible, a.counts.local, a.counts.international,
             ", ".join(a.evidence_missing)]
            for a in pack.activities
        ],
    )  # fmt: skip
    if pack.with_personal_data:
        yield (
            _("Participants"),
            [_("Activity"), _("Dates"), _("Name"), _("Organisation"), _("Country")],
            [
                [a.title, a.dates, person.name, person.organisation, person.country]
                for a in pack.activities
                for person in a.attendees or []
            ],
        )
    yield _("Budget"), *budget_table(pack)
    yield (
        _("Budget by partner"),
        [_("Partner"), _("Planned"), _("Earned"), _("At risk")],
        [
            [partner.name, partner.planned, partner.earned, partner.at_risk]
            for partner in (pack.budget.partners if pack.budget else [])
        ],
    )
    yield (
        _("Dissemination"),
        [_("Date"), _("What"), _("Where"), _("Channel"), _("Audience"), _("Link"), _("Partner")],
        [
            [line.date, line.title, line.place, line.channel_label, line.audience, line.link,
             line.organisation.name if line.organisation else ""]
            for line in pack.dissemination
        ],
    )  # fmt: skip
    yield (
        _("Results"),
        [_("Title"), _("Description"), _("Languages"), _("Licence"), _("Link"), _("Partner"),
         _("Deliverable")],
        [
            [r.title, r.description, r.languages, r.licence, r.link, r.partner, r.deliverable]
            for r in pack.results
        ],
    )  # fmt: skip


def project_rows(pack: ReportPack) -> list[list]:
    project, budget = pack.project, pack.budget
    return [
        [_("Project"), f"{project.acronym} – {project.title}"],
        [_("Reference"), project.reference_number],
        [_("Action"), choice_label(project, "action")],
        [_("Coordinator"), pack.coordinator],
        [_("Partners"), ", ".join(pack.partners)],
        [_("Report"), pack.period.label],
        [_("Period reported"), f"{pack.period.start.isoformat()} – {pack.period.end.isoformat()}"],
        [_("EU grant"), project.eu_grant],
        [_("Funding model"), str(FundingModel(budget.funding_model).label) if budget else ""],
        [_("Figures as of"), pack.made_on],
    ]


def budget_table(pack: ReportPack) -> tuple[list[str], list[list]]:
    columns = [_("Budget line"), _("Planned"), _("Earned"), _("At risk"), _("Why at risk")]
    budget = pack.budget
    if budget is None:
        return columns, []
    rows = [
        [f"{line.key}: {line.label}" if line.work_package_id else line.label, line.planned,
         line.earned, line.at_risk, "; ".join(line.reasons)]
        for line in budget.lines
    ]  # fmt: skip
    rows.append([_("Total"), budget.planned, budget.earned, budget.at_risk, ""])
    return columns, rows


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def write_sheet(sheet, columns: list[str], rows: list[list]) -> None:
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(column) for column in columns]
    for values in rows:
        sheet.append([workbook_text(v) if isinstance(v, str) else v for v in values])
        for number, cell in enumerate(sheet[sheet.max_row]):
            value = cell.value
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
                widths[number] = max(widths[number], *(len(part) for part in value.split("\n")))
            elif isinstance(value, Decimal):
                cell.number_format = MONEY_FORMAT
                widths[number] = max(widths[number], 14)
            elif isinstance(value, date):
                cell.number_format = DAY_FORMAT
                widths[number] = max(widths[number], 11)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = min(width + 2, WIDEST_COLUMN)
    sheet.freeze_panes = "A2"
