"""A project's budget page: what is earned and at risk, and the table of amounts per work
package (or budget heading) and partner that officers and the coordinator's contacts keep.

Whoever reads the project reads its budget. Amounts typed wrong are refused beside their cell;
the sums are checked by grants.services, as on every other path.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common import clock
from common.languages import babel_locale
from common.validators import is_whole_number
from grants.calls import paid_by_lump_sum
from grants.earning import budget_figures
from grants.models import Budget, FundingModel, Heading
from grants.services import (
    NEWER_SAVE,
    amount_of,
    budget_version,
    funded_partnerships,
    replacement_warning,
    save_headings_budget,
    save_lump_sum_budget,
    split_basis,
)
from partners.models import Organisation
from projects import access


@dataclass
class Cell:
    name: str
    label: str
    value: str
    error: str = ""
    amount: Decimal | None = None
    partner: str = ""
    refused: str = ""  # what the reader typed, refused for a newer save: shown beside


@dataclass
class Totals:
    """The table's last row: each partner's total and the grand total."""

    partners: list[tuple[str, Decimal]]  # (name, total)
    total: Decimal


@dataclass
class Row:
    key: object
    code: str
    title: str
    cells: list[Cell] = field(default_factory=list)
    total: Decimal = Decimal("0")


def partners_of(project) -> list[Organisation]:
    """The partners that may hold money: associated partners receive no grant."""
    return list(
        Organisation.objects.filter(partnerships__in=funded_partnerships(project))
        .order_by("name")
        .distinct()
    )


def shown(value) -> str:
    """A stored amount as the input shows it and the hint writes it: the reader's decimal
    mark, no grouping ("10000,00" in French), which amount_of reads back unchanged."""
    if isinstance(value, Decimal):
        return format_decimal(value, "0.00", locale=babel_locale(get_language()))
    return "" if value in ("", None) else str(value)


def stored_amounts(budget: Budget | None) -> dict:
    if budget is None:
        return {}
    if budget.funding_model == FundingModel.LUMP_SUM:
        rows = budget.lump_sum_shares.values_list("work_package_id", "organisation_id", "amount")
    else:
        rows = budget.heading_amounts.values_list("heading", "organisation_id", "amount")
    return {(line, organisation): amount for line, organisation, amount in rows}


def grid(
    model: str, project, partners, values: dict, errors: dict, refused: dict | None = None
) -> list[Row]:
    """The table's rows, each with a cell per partner: the typed or stored amounts, and
    beside them what the reader typed when their save was refused for a newer one."""
    refused = refused or {}
    if model == FundingModel.LUMP_SUM:
        lines = [
            (package.pk, package.code, package.title)
            for package in project.work_packages.order_by("position", "code")
        ]
    else:
        lines = [(value, "", str(label)) for value, label in Heading.choices]
    rows = []
    for key, code, title in lines:
        row = Row(key, code, title)
        for organisation in partners:
            name = f"amount-{key}-{organisation.pk}"
            value = values.get((key, organisation.pk), "")
            row.cells.append(
                Cell(
                    name,
                    f"{code or title} – {organisation.short_name or organisation.name}",
                    shown(value),
                    errors.get(name, ""),
                    partner=organisation.short_name or organisation.name,
                    refused=different_entry(refused.get((key, organisation.pk)), value),
                )
            )
            if name not in errors and value not in ("", None):
                row.cells[-1].amount = amount_of(value)
                row.total += row.cells[-1].amount
        rows.append(row)
    return rows


def different_entry(typed, stored) -> str:
    """What the reader typed, when it differs from what is stored; else nothing to show."""
    if typed is None:
        return ""
    try:
        same = amount_of(typed) == amount_of(stored if stored not in (None, "") else "0")
    except ValidationError:
        same = False
    return "" if same else (typed or "0")


def totals_of(rows: list[Row], partners) -> Totals:
    return Totals(
        [
            (
                organisation.short_name or organisation.name,
                sum((row.cells[n].amount or Decimal("0") for row in rows), Decimal("0")),
            )
            for n, organisation in enumerate(partners)
        ],
        sum((row.total for row in rows), Decimal("0")),
    )


def read_typed(request, model: str, project, partners) -> tuple[dict, dict, dict]:
    """What was typed: the amounts as typed, those read, and each cell's refusal."""
    if model == FundingModel.LUMP_SUM:
        keys = list(project.work_packages.values_list("pk", flat=True))
    else:
        keys = list(Heading.values)
    typed, amounts, errors = {}, {}, {}
    for key in keys:
        for organisation in partners:
            name = f"amount-{key}-{organisation.pk}"
            text = request.POST.get(name, "").strip()
            typed[(key, organisation.pk)] = text
            try:
                amounts[(key, organisation.pk)] = amount_of(text)
            except ValidationError as refusal:
                errors[name] = " ".join(refusal.messages)
    return typed, amounts, errors


def whole_number(text: str | None) -> int | None:
    # is_whole_number, not str.isdigit(): "²" is a digit to Python that int() refuses.
    return int(text) if text and is_whole_number(text) else None


@login_required
def project_budget(request, pk: int):
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    may_edit = access.may_run_project(request.user, project.pk)
    budget = Budget.objects.filter(project=project).first()
    default = FundingModel.LUMP_SUM if paid_by_lump_sum(project) else FundingModel.HEADINGS
    model = request.POST.get("funding_model") or request.GET.get("model")
    if model not in FundingModel.values:
        model = budget.funding_model if budget else default
    partners = partners_of(project)
    values, errors, refusals, refused = stored_amounts(budget), {}, [], {}
    management = budget.management_work_package_id if budget else None
    illustrative = budget.illustrative if budget else False
    seen = budget_version(budget)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Only the coordinator and the officers change the budget."))
        values, amounts, errors = read_typed(request, model, project, partners)
        management = whole_number(request.POST.get("management"))
        illustrative = bool(request.POST.get("illustrative"))
        if not errors:
            try:
                save_budget(
                    request.user,
                    project,
                    model,
                    amounts,
                    management,
                    illustrative,
                    seen=request.POST.get("seen", ""),
                    replace_other_model=bool(request.POST.get("replace_other_model")),
                )
            except ValidationError as refusal:
                refusals = refusal.messages
                if any(error.code == NEWER_SAVE for error in refusal.error_list):
                    # Show what is stored now, the reader's entries beside: saving again is
                    # then a choice made on the other person's amounts, never an undoing.
                    budget = Budget.objects.filter(project=project).first()
                    refused, values = values, stored_amounts(budget)
                    if budget and budget.funding_model == model:
                        management = budget.management_work_package_id
                        illustrative = budget.illustrative
                    seen = budget_version(budget)
            else:
                messages.success(request, _("The budget is saved."))
                return redirect("project-budget", project.pk)
    figures = budget_figures([project.pk], today=clock.today()).get(project.pk)
    rows = grid(model, project, partners, values, errors, refused)
    return render(
        request,
        "portal/budget.html",
        {
            "project": project,
            "may_edit": may_edit,
            "model": model,
            "models": FundingModel.choices,
            "partners": partners,
            "rows": rows,
            "totals": totals_of(rows, partners),
            "management": management,
            "illustrative": illustrative,
            "refusals": refusals,
            "has_cell_errors": bool(errors),
            "has_refused_entries": bool(refused),
            "figures": figures,
            "saved_model": budget.get_funding_model_display() if budget else "",
            "split_basis": split_basis(project, model, illustrative=illustrative),
            # Saving in this model would delete the split kept in the other: asked first.
            "replacement": replacement_warning(project, model) if may_edit else "",
            # The budget as this page shows it (read before any save, or again after a save
            # refused for a newer one): a save over a newer one is refused once.
            "seen": seen,
        },
        status=400 if refusals or errors else 200,
    )


def save_budget(user, project, model, amounts, management, illustrative, seen, replace_other_model):
    if model == FundingModel.LUMP_SUM:
        return save_lump_sum_budget(
            user=user,
            project_id=project.pk,
            amounts=amounts,
            management_work_package_id=management,
            illustrative=illustrative,
            seen=seen,
            replace_other_model=replace_other_model,
        )
    return save_headings_budget(
        user=user,
        project_id=project.pk,
        amounts=amounts,
        illustrative=illustrative,
        seen=seen,
        replace_other_model=replace_other_model,
    )
