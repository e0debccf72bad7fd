"""What of a budget is earned and what is at risk, read from the work plan's state.

A line of the budget (a work package's part of a lump sum, or a budget heading) is earned in
proportion to its units done: approved deliverables and meetings held with their evidence. A
unit is at risk when a deliverable is late or a held meeting lacks evidence, and the line says
why. Each partner's share of a line follows the line's proportions. The one reading of it for
the pages, the dashboard, the API and the reminders, in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.money import cents
from deliverables.models import Deliverable
from meetings.evidence import evidence_missing, with_attendance
from meetings.models import Meeting

from .models import Budget, FundingModel, Heading, HeadingAmount, LumpSumShare
from .services import budget_mismatch

ZERO = Decimal("0.00")
DONE, AT_RISK, AHEAD = "done", "at_risk", "ahead"

# The meetings each heading pays for; the other headings have no meeting of their own.
HEADING_MEETINGS = {
    Heading.MEETINGS: {Meeting.Kind.KICK_OFF, Meeting.Kind.TRANSNATIONAL},
    Heading.MULTIPLIER: {Meeting.Kind.MULTIPLIER},
    Heading.TRAINING: {Meeting.Kind.TRAINING},
}


@dataclass
class Unit:
    state: str
    reason: str = ""
    since: date | None = None  # the first day it was at risk


@dataclass
class PartnerFigures:
    organisation_id: int
    name: str
    planned: Decimal = ZERO
    earned: Decimal = ZERO
    at_risk: Decimal = ZERO


@dataclass
class LineFigures:
    key: str
    label: str
    planned: Decimal = ZERO
    earned: Decimal = ZERO
    at_risk: Decimal = ZERO
    reasons: list[str] = field(default_factory=list)
    partners: list[PartnerFigures] = field(default_factory=list)
    is_management: bool = False
    work_package_id: int | None = None
    order: tuple = ()
    at_risk_since: date | None = None

    @property
    def earned_percent(self) -> int:
        return percent(self.earned, self.planned)

    @property
    def at_risk_percent(self) -> int:
        return percent(self.at_risk, self.planned)


@dataclass
class BudgetFigures:
    project_id: int
    funding_model: str
    illustrative: bool
    lines: list[LineFigures] = field(default_factory=list)
    partners: list[PartnerFigures] = field(default_factory=list)
    # Why the amounts no longer add up to the grant (changed since the budget was set).
    mismatch: str = ""

    @property
    def adds_up(self) -> bool:
        return not self.mismatch

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def earned(self) -> Decimal:
        return sum((line.earned for line in self.lines), ZERO)

    @property
    def at_risk(self) -> Decimal:
        return sum((line.at_risk for line in self.lines), ZERO)

    @property
    def earned_percent(self) -> int:
        return percent(self.earned, self.planned)

    @property
    def at_risk_percent(self) -> int:
        return percent(self.at_risk, self.planned)

    def lines_at_risk(self) -> list[LineFigures]:
        return [line for line in self.lines if line.at_risk]


def percent(part: Decimal, whole: Decimal) -> int:
    return int(part * 100 / whole) if whole else 0


def budget_figures(project_ids, *, today: date) -> dict[int, BudgetFigures]:
    """The figures of each project that has a budget, keyed by project id."""
    budgets = list(
        Budget.objects.filter(project_id__in=project_ids)
        .select_related("project")
        .prefetch_related(
            Prefetch(
                "lump_sum_shares",
                queryset=LumpSumShare.objects.select_related("work_package", "organisation"),
            ),
            Prefetch(
                "heading_amounts", queryset=HeadingAmount.objects.select_related("organisation")
            ),
        )
    )
    if not budgets:
        return {}
    ids = [budget.project_id for budget in budgets]
    deliverables = defaultdict(list)
    for row in Deliverable.objects.filter(project_id__in=ids).values(
        "project_id", "work_package_id", "code", "status", "due_date"
    ):
        deliverables[row["project_id"]].append(row)
    meetings = defaultdict(list)
    for meeting in with_attendance(Meeting.objects.filter(project_id__in=ids)).only(
        "project_id", "kind", "title", "start_date", "end_date", "dates_confirmed", "agenda"
    ):
        meetings[meeting.project_id].append(meeting)
    return {
        budget.project_id: figures_of(
            budget, deliverables[budget.project_id], meetings[budget.project_id], today
        )
        for budget in budgets
    }


def deliverable_unit(row: dict, today: date) -> Unit:
    if row["status"] == Deliverable.Status.APPROVED:
        return Unit(DONE)
    if Deliverable.late_on(row["status"], row["due_date"], today):
        days = (today - row["due_date"]).days
        return Unit(
            AT_RISK,
            ngettext("%(code)s is %(days)d day late", "%(code)s is %(days)d days late", days)
            % {"code": row["code"], "days": days},
            row["due_date"] + timedelta(days=1),
        )
    return Unit(AHEAD)


def meeting_unit(meeting: Meeting, today: date) -> Unit:
    if meeting.end_date >= today:
        return Unit(AHEAD)
    if missing := evidence_missing(meeting):
        return Unit(
            AT_RISK,
            _("%(meeting)s of %(day)s: %(missing)s")
            % {
                "meeting": meeting.title,
                "day": date_format(meeting.start_date),
                "missing": ", ".join(missing),
            },
            meeting.end_date + timedelta(days=1),
        )
    return Unit(DONE)


def months_unit(project, today: date) -> list[Unit]:
    """Project management of the headings model is paid by the month."""
    months = project.duration_months
    if today < project.start_date:
        elapsed = 0
    else:
        last = min(today, project.end_date)
        elapsed = (last.year - project.start_date.year) * 12 + last.month - project.start_date.month
        elapsed = months if today > project.end_date else elapsed
    return [Unit(DONE)] * elapsed + [Unit(AHEAD)] * (months - elapsed)


def figures_of(budget: Budget, deliverables: list[dict], meetings: list, today) -> BudgetFigures:
    figures = BudgetFigures(budget.project_id, budget.funding_model, budget.illustrative)
    if budget.funding_model == FundingModel.LUMP_SUM:
        lines = lump_sum_lines(budget, deliverables, meetings, today)
    else:
        lines = heading_lines(budget, deliverables, meetings, today)
    figures.lines = lines
    totals: dict[int, PartnerFigures] = {}
    for line in lines:
        for share in line.partners:
            total = totals.setdefault(
                share.organisation_id, PartnerFigures(share.organisation_id, share.name)
            )
            total.planned += share.planned
            total.earned += share.earned
            total.at_risk += share.at_risk
    figures.partners = sorted(totals.values(), key=lambda partner: partner.name.casefold())
    figures.mismatch = budget_mismatch(budget.project, figures.planned) or ""
    return figures


def lump_sum_lines(budget, deliverables, meetings, today) -> list[LineFigures]:
    lines: dict[int, LineFigures] = {}
    for share in budget.lump_sum_shares.all():
        package = share.work_package
        line = lines.get(package.pk)
        if line is None:
            line = lines[package.pk] = LineFigures(
                key=package.code,
                label=package.title,
                is_management=package.pk == budget.management_work_package_id,
                work_package_id=package.pk,
                order=(package.position, package.code),
            )
        line.partners.append(PartnerFigures(share.organisation_id, name_of(share), share.amount))
    for package_id, line in lines.items():
        units = [
            deliverable_unit(row, today)
            for row in deliverables
            if row["work_package_id"] == package_id
        ]
        # Meetings name no work package in the plan: they are the coordination that
        # project management pays for.
        if line.is_management:
            units += [meeting_unit(meeting, today) for meeting in meetings]
        apportion(line, units)
    return sorted(lines.values(), key=lambda line: line.order)


def heading_lines(budget, deliverables, meetings, today) -> list[LineFigures]:
    lines: dict[str, LineFigures] = {}
    for amount in budget.heading_amounts.all():
        line = lines.get(amount.heading)
        if line is None:
            line = lines[amount.heading] = LineFigures(
                key=amount.heading, label=str(Heading(amount.heading).label)
            )
        line.partners.append(PartnerFigures(amount.organisation_id, name_of(amount), amount.amount))
    for heading, line in lines.items():
        if heading == Heading.MANAGEMENT:
            units = months_unit(budget.project, today)
        elif heading == Heading.OUTPUTS:
            units = [deliverable_unit(row, today) for row in deliverables]
        elif heading in HEADING_MEETINGS:
            kinds = HEADING_MEETINGS[heading]
            units = [meeting_unit(m, today) for m in meetings if m.kind in kinds]
        else:
            units = []  # exceptional costs are reported on receipts, not on the plan
        apportion(line, units)
    order = list(Heading.values)
    return sorted(lines.values(), key=lambda line: order.index(line.key))


def name_of(row) -> str:
    return row.organisation.short_name or row.organisation.name


def apportion(line: LineFigures, units: list[Unit]) -> None:
    """Each partner's share earned and at risk in the line's proportions, to the cent."""
    done = sum(1 for unit in units if unit.state == DONE)
    risky = [unit for unit in units if unit.state == AT_RISK]
    line.reasons = [unit.reason for unit in risky]
    line.at_risk_since = min((unit.since for unit in risky), default=None)
    for share in line.partners:
        if units:
            share.earned = cents(share.planned * done / len(units))
            share.at_risk = cents(share.planned * len(risky) / len(units))
        line.planned += share.planned
        line.earned += share.earned
        line.at_risk += share.at_risk
