"""What of a budget is earned and what is at risk, read from the work plan's state.

A line of the budget (a work package's part of a lump sum, or a budget heading) is earned in
proportion to its units done: approved deliverables and meetings held with their evidence. A
unit is at risk when a deliverable is late or a held meeting lacks evidence, and the line says
why, and what it is paid for (`basis`). Multiplier events are paid per eligible participant
(2014–2020 rules): earned from the events' local and international counts at the programme's
unit rates, up to the plan. Each partner's share of a line follows the line's proportions.
The one reading of it for the pages, the dashboard, the API and the reminders, in a fixed
number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.money import cents, euros
from deliverables.models import Deliverable
from meetings.evidence import evidence_missing, with_attendance
from meetings.models import Meeting
from meetings.participant_counts import counts_of, with_participant_counts

from .calls import project_call
from .models import Budget, FundingModel, Heading, HeadingAmount, LumpSumShare, UnitCostRate
from .services import budget_mismatch

ZERO = Decimal("0.00")
DONE, AT_RISK, AHEAD = "done", "at_risk", "ahead"

# The meetings each heading pays for per meeting; multiplier events are paid per eligible
# participant (multiplier_line); the other headings have no meeting of their own.
HEADING_MEETINGS = {
    Heading.MEETINGS: {Meeting.Kind.KICK_OFF, Meeting.Kind.TRANSNATIONAL},
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
    basis: str = ""  # what the line is paid for and how much of it is done

    @property
    def name(self) -> str:
        """What a reader calls the line: "WP2 Research", or the heading's label."""
        return f"{self.key} {self.label}" if self.work_package_id else self.label

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
    held = with_participant_counts(with_attendance(Meeting.objects.filter(project_id__in=ids)))
    for meeting in held.only(
        "project_id",
        "kind",
        "title",
        "start_date",
        "end_date",
        "dates_confirmed",
        "agenda",
        "country",
    ):
        meetings[meeting.project_id].append(meeting)
    # Read only when a budget plans multiplier events: one query more, whatever their number.
    plans_events = any(
        amount.heading == Heading.MULTIPLIER
        for budget in budgets
        for amount in budget.heading_amounts.all()
    )
    rates = multiplier_rates() if plans_events else {}
    return {
        budget.project_id: figures_of(
            budget, deliverables[budget.project_id], meetings[budget.project_id], today, rates
        )
        for budget in budgets
    }


def multiplier_rates() -> dict[int, dict[str, Decimal]]:
    """The unit rates of multiplier events by programme year: {year: {"local": rate, ...}}."""
    rates: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for year, kind, amount in UnitCostRate.objects.filter(
        heading=Heading.MULTIPLIER,
        participant_type__in=[
            UnitCostRate.ParticipantType.LOCAL,
            UnitCostRate.ParticipantType.INTERNATIONAL,
        ],
    ).values_list("programme_year", "participant_type", "amount"):
        rates[year][kind] = amount
    return rates


def rates_of_year(rates: dict, year: int) -> tuple[int, dict[str, Decimal]] | None:
    """The rates of the project's call year, else of the latest year before it."""
    years = [known for known in rates if known <= year and len(rates[known]) == 2]
    return (max(years), rates[max(years)]) if years else None


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


def figures_of(
    budget: Budget, deliverables: list[dict], meetings: list, today, rates=None
) -> BudgetFigures:
    figures = BudgetFigures(budget.project_id, budget.funding_model, budget.illustrative)
    if budget.funding_model == FundingModel.LUMP_SUM:
        lines = lump_sum_lines(budget, deliverables, meetings, today)
    else:
        lines = heading_lines(budget, deliverables, meetings, today, rates or {})
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
        line.basis = deliverables_basis(units)
        # Meetings name no work package in the plan: they are the coordination that
        # project management pays for.
        if line.is_management:
            held = [meeting_unit(meeting, today) for meeting in meetings]
            line.basis = _("%(deliverables)s; %(meetings)s") % {
                "deliverables": line.basis,
                "meetings": meetings_basis(held),
            }
            units += held
        apportion(line, units)
    return sorted(lines.values(), key=lambda line: line.order)


def done(units: list[Unit]) -> int:
    return sum(1 for unit in units if unit.state == DONE)


def deliverables_basis(units: list[Unit]) -> str:
    return ngettext(
        "paid as its deliverables are approved: %(done)d of %(count)d approved",
        "paid as its deliverables are approved: %(done)d of %(count)d approved",
        len(units),
    ) % {"done": done(units), "count": len(units)}


def meetings_basis(units: list[Unit]) -> str:
    return ngettext(
        "paid per meeting held with its evidence: %(done)d of %(count)d",
        "paid per meeting held with its evidence: %(done)d of %(count)d",
        len(units),
    ) % {"done": done(units), "count": len(units)}


def months_basis(units: list[Unit]) -> str:
    return ngettext(
        "paid per month of the project: %(done)d of %(count)d month",
        "paid per month of the project: %(done)d of %(count)d months",
        len(units),
    ) % {"done": done(units), "count": len(units)}


def multiplier_line(line: LineFigures, events: list, project, rates: dict, today) -> None:
    """Multiplier events are paid per eligible participant: each held event with its evidence
    earns its local and international counts at the unit rates of the project's call year,
    up to the plan. A held event lacking evidence, or with no eligible participant, puts its
    share of the plan (the plan divided by the events) at risk."""
    line.planned = sum((share.planned for share in line.partners), ZERO)
    year = project_call(project)[0]
    found = rates_of_year(rates, year)
    earned, risky, local, international = ZERO, [], 0, 0
    for event in events:
        if event.end_date >= today:
            continue
        counts = counts_of(event)
        missing = evidence_missing(event)
        if not counts.eligible:
            missing.append(_("no eligible participant"))
        if missing:
            risky.append(
                Unit(
                    AT_RISK,
                    _("%(meeting)s of %(day)s: %(missing)s")
                    % {
                        "meeting": event.title,
                        "day": date_format(event.start_date),
                        "missing": ", ".join(missing),
                    },
                    event.end_date + timedelta(days=1),
                )
            )
            continue
        local += counts.local
        international += counts.international
        if found:
            earned += counts.local * found[1]["local"]
            earned += counts.international * found[1]["international"]
    if found:
        line.basis = _(
            "paid per eligible participant: %(local)d local at %(local_rate)s and "
            "%(international)d international at %(international_rate)s (rates of %(year)d)"
        ) % {
            "local": local,
            "local_rate": euros(found[1]["local"]),
            "international": international,
            "international_rate": euros(found[1]["international"]),
            "year": found[0],
        }
    else:
        line.basis = _(
            "paid per eligible participant, but no unit rate of multiplier events is recorded "
            "for %(year)d: the officers add it in the administration"
        ) % {"year": year}
    earned = min(cents(earned), line.planned)
    at_risk = ZERO
    if events:
        at_risk = min(cents(line.planned * len(risky) / len(events)), line.planned - earned)
    line.reasons = [unit.reason for unit in risky]
    line.at_risk_since = min((unit.since for unit in risky), default=None)
    for share in line.partners:
        if line.planned:
            share.earned = cents(share.planned * earned / line.planned)
            share.at_risk = cents(share.planned * at_risk / line.planned)
    # The line's figures are its partners' sums, so that the per-partner table adds up.
    line.earned = sum((share.earned for share in line.partners), ZERO)
    line.at_risk = sum((share.at_risk for share in line.partners), ZERO)


def heading_lines(budget, deliverables, meetings, today, rates) -> list[LineFigures]:
    lines: dict[str, LineFigures] = {}
    for amount in budget.heading_amounts.all():
        line = lines.get(amount.heading)
        if line is None:
            line = lines[amount.heading] = LineFigures(
                key=amount.heading, label=str(Heading(amount.heading).label)
            )
        line.partners.append(PartnerFigures(amount.organisation_id, name_of(amount), amount.amount))
    for heading, line in lines.items():
        if heading == Heading.MULTIPLIER:
            events = [m for m in meetings if m.kind == Meeting.Kind.MULTIPLIER]
            multiplier_line(line, events, budget.project, rates, today)
            continue
        if heading == Heading.MANAGEMENT:
            units = months_unit(budget.project, today)
            line.basis = months_basis(units)
        elif heading == Heading.OUTPUTS:
            units = [deliverable_unit(row, today) for row in deliverables]
            line.basis = deliverables_basis(units)
        elif heading in HEADING_MEETINGS:
            kinds = HEADING_MEETINGS[heading]
            units = [meeting_unit(m, today) for m in meetings if m.kind in kinds]
            line.basis = meetings_basis(units)
        else:
            units = []  # exceptional costs are reported on receipts, not on the plan
            line.basis = _("reported on receipts, not followed here")
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
