"""The one way a budget is written: every page, API call and loader goes through here.

The project row is locked while a budget is checked and written, so two people saving at once
cannot each pass the sums against the other's old amounts.
"""

import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.money import cents, euros
from deliverables.models import WorkPackage
from projects import access
from projects.models import Partnership, Project

from .calls import LUMP_SUM_ACTIONS, Call, lump_sum_call, paid_by_lump_sum, project_call
from .models import Budget, FundingModel, Heading, HeadingAmount, LumpSumShare

MANAGEMENT_CEILING = Decimal("0.20")


# Digits, then at most one decimal mark with one or two digits: no exponent ("1e9"), no
# thousands mark ("12,500" is 12500 in English and 12.5 in French: neither is guessed).
TYPED_AMOUNT = re.compile(r"-?[0-9]+(?:[.,][0-9]{1,2})?")
# The spaces people group thousands with: a plain, a no-break and a narrow no-break space.
GROUPING_SPACES = str.maketrans("", "", " \u00a0\u202f")


def amount_of(value) -> Decimal:
    """A typed amount as euros with at most two decimals; refused with what to type."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
    else:
        text = str(value).strip().translate(GROUPING_SPACES) or "0"
        if not TYPED_AMOUNT.fullmatch(text):
            if re.fullmatch(r"-?[0-9]+[.,][0-9]{3,}", text):
                raise ValidationError(_("Type an amount in euros with at most two decimals."))
            raise ValidationError(_("Type an amount in euros, e.g. 12500.00."))
        amount = Decimal(text.replace(",", "."))
    if not amount.is_finite():
        raise ValidationError(_("Type an amount in euros, e.g. 12500.00."))
    if amount < 0:
        raise ValidationError(_("An amount cannot be negative."))
    # Before rounding: a number of thirty digits cannot be rounded to the cent at all.
    if amount >= Decimal("10000000000"):
        raise ValidationError(_("This amount is too large for a grant."))
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("Type an amount in euros with at most two decimals."))
    return amount


# The version of a budget that a page showed before its reader saved: `budget_version`.
NOT_CHECKED = object()


def budget_version(budget: Budget | None) -> str:
    """What a page keeps of the budget it showed, to tell whether someone saved since."""
    return budget.updated_at.isoformat() if budget else ""


# The code of the refusal of a save over a newer one: the page then shows the stored amounts.
NEWER_SAVE = "newer_save"
# The code of the refusal to replace a split kept in the other funding model unconfirmed.
OTHER_MODEL_KEPT = "other_model_kept"


def _refuse_a_newer_save(project: Project, seen) -> None:
    """Under the project's lock: refuse when the budget changed since the page showed it,
    rather than replace someone else's split unseen."""
    if seen is NOT_CHECKED:
        return
    if budget_version(Budget.objects.filter(project=project).first()) != seen:
        raise ValidationError(
            _(
                "Someone else saved this budget while you were editing it. The form now shows "
                "their amounts, with yours beside them: enter yours again where you mean them, "
                "then save."
            ),
            code=NEWER_SAVE,
        )


def lines_kept_in_other_model(project: Project, funding_model: str) -> int:
    """How many work packages (or budget headings) a budget kept in another funding model
    holds amounts for: a save in `funding_model` would delete them."""
    budget = Budget.objects.filter(project=project).first()
    if budget is None or budget.funding_model == funding_model:
        return 0
    if budget.funding_model == FundingModel.LUMP_SUM:
        return budget.lump_sum_shares.values("work_package").distinct().count()
    return budget.heading_amounts.values("heading").distinct().count()


def replacement_warning(project: Project, funding_model: str) -> str:
    """What saving in `funding_model` would delete, said before it is asked; empty if nothing."""
    kept = lines_kept_in_other_model(project, funding_model)
    if not kept:
        return ""
    if funding_model == FundingModel.HEADINGS:
        return ngettext(
            "Replace the lump-sum split of %(count)d work package by budget headings",
            "Replace the lump-sum split of %(count)d work packages by budget headings",
            kept,
        ) % {"count": kept}
    return ngettext(
        "Replace the amounts of %(count)d budget heading by a lump-sum split",
        "Replace the amounts of %(count)d budget headings by a lump-sum split",
        kept,
    ) % {"count": kept}


def _refuse_an_unconfirmed_replacement(project: Project, funding_model: str, confirmed) -> None:
    """A save in the other funding model deletes the stored split: only when asked to."""
    if confirmed or not (warning := replacement_warning(project, funding_model)):
        return
    raise ValidationError(
        _(
            "This budget is kept in the other funding model; saving would delete it. To do "
            "so, tick “%(confirmation)s” and save again."
        )
        % {"confirmation": warning},
        code=OTHER_MODEL_KEPT,
    )


def _lock(user, project_id: int) -> Project:
    if not access.may_run_project(user, project_id):
        raise PermissionDenied(_("Only the coordinator and the officers change the budget."))
    return Project.objects.select_for_update().get(pk=project_id)


def _partner_ids(project: Project) -> set[int]:
    return set(
        Partnership.objects.filter(project=project).values_list("organisation_id", flat=True)
    )


def funded_partnerships(project: Project):
    """The partnerships that may hold money: associated partners receive no grant."""
    return Partnership.objects.filter(project=project).exclude(role=Partnership.Role.ASSOCIATED)


def _refuse_outsiders(project: Project, organisation_ids, amounts: dict) -> None:
    if set(organisation_ids) - _partner_ids(project):
        raise ValidationError(_("Amounts go to the project's partners only."))
    paid = {org for (_line, org), amount in amounts.items() if amount_of(amount)}
    associated = (
        Partnership.objects.filter(
            project=project, role=Partnership.Role.ASSOCIATED, organisation_id__in=paid
        )
        .order_by("organisation__name")
        .values_list("organisation__name", flat=True)
    )
    if associated:
        raise ValidationError(
            _(
                "%(names)s: an associated partner receives no part of the grant; move its "
                "amounts to the full partners."
            )
            % {"names": ", ".join(associated)}
        )


def grant_refusal(project: Project, total: Decimal) -> str | None:
    """The one rule between a budget and its project's grant: the amounts add up to it."""
    if project.eu_grant is None or total == project.eu_grant:
        return None
    return _(
        "The amounts add up to %(total)s but the EU grant is %(grant)s: %(difference)s to move."
    ) % {
        "total": euros(total),
        "grant": euros(project.eu_grant),
        "difference": euros(abs(project.eu_grant - total)),
    }


def budget_mismatch(project: Project, total: Decimal) -> str | None:
    """Why a budget already kept no longer adds up to the grant, and what to do.

    A grant changed after its budget was set is kept, not refused: the grant is the agreement's
    figure, an officer types it from the national agency's amendment, and the split is the
    coordinator's work; refusing it until the split matched would leave neither to be changed
    first. So every reader of the budget checks it again, with the rule its saving checks."""
    if refusal := grant_refusal(project, total):
        return _("This budget no longer adds up to the EU grant. %(refusal)s Split it again.") % {
            "refusal": refusal
        }
    return None


def stored_budget_mismatch(project: Project) -> str | None:
    """budget_mismatch of the project's stored budget, if it has one: what the paths that
    change a grant (the project's page, the admin, the import) tell whoever changed it."""
    budget = Budget.objects.filter(project=project).first()
    if budget is None:
        return None
    lines = (
        budget.lump_sum_shares
        if budget.funding_model == FundingModel.LUMP_SUM
        else (budget.heading_amounts)
    )
    total = lines.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return budget_mismatch(project, total)


def _allowed(call: Call) -> str:
    return ", ".join(euros(amount) for amount in call.amounts)


def _call_refusal(call: Call, total: Decimal) -> str | None:
    """Why the total is not a lump sum the project's call allows, naming that call only."""
    if call.action not in LUMP_SUM_ACTIONS and not call.successor:
        return _(
            "A %(action)s project of the %(year)s call is paid by budget headings, not by a "
            "lump sum: choose budget headings, or mark the split illustrative."
        ) % {"action": call.action, "year": call.year}
    if not call.amounts:
        return _(
            "No lump sums are recorded for %(action)s calls of %(year)s: the officers add the "
            "call's amounts in the administration."
        ) % {"action": call.action, "year": call.year or "—"}
    if total in call.amounts:
        return None
    if call.successor:
        return _(
            "The split adds up to %(total)s. A %(action)s project of the %(year)s call is paid "
            "by budget headings; its illustrative split is compared to the lump sums of the "
            "%(successor)s calls: one of %(allowed)s."
        ) % {
            "total": euros(total),
            "action": call.action,
            "year": call.year,
            "successor": call.successor,
            "allowed": _allowed(call),
        }
    return _(
        "The split adds up to %(total)s; a %(action)s lump sum of the %(year)s call is "
        "one of %(allowed)s."
    ) % {"total": euros(total), "action": call.action, "year": call.year, "allowed": _allowed(call)}


def split_basis(project: Project, funding_model: str, *, illustrative: bool) -> str:
    """What a split is checked against, for the page to say before it is saved."""
    if project.eu_grant is not None:
        grant = _("it adds up to the EU grant, %(grant)s") % {"grant": euros(project.eu_grant)}
    else:
        grant = _("the EU grant is not recorded yet, so the total is not checked against it")
    if funding_model != FundingModel.LUMP_SUM:
        return _("Checked before saving: %(grant)s.") % {"grant": grant}
    call = lump_sum_call(project, illustrative=illustrative)
    if call.action not in LUMP_SUM_ACTIONS and not call.successor:
        sums = _("a %(action)s project of the %(year)s call has no lump sum") % {
            "action": call.action,
            "year": call.year,
        }
    elif call.successor:
        sums = _("an illustrative split is one of the %(successor)s lump sums, %(allowed)s") % {
            "successor": call.successor,
            "allowed": _allowed(call) or "—",
        }
    else:
        sums = _("it is one of the lump sums of the %(action)s %(year)s call, %(allowed)s") % {
            "action": call.action,
            "year": call.year,
            "allowed": _allowed(call) or "—",
        }
    return _(
        "Checked before saving: %(grant)s; %(sums)s; project management takes at most 20 %% of it."
    ) % {"grant": grant, "sums": sums}


def lump_sum_refusals(
    project: Project,
    *,
    amounts: dict[tuple[int, int], Decimal],
    management: WorkPackage | None,
    illustrative: bool,
) -> list[str]:
    """Why a lump-sum split cannot be kept: each message says what to change."""
    refusals = []
    total = sum(amounts.values(), Decimal("0"))
    if call_refusal := _call_refusal(lump_sum_call(project, illustrative=illustrative), total):
        refusals.append(call_refusal)
    if refusal := grant_refusal(project, total):
        refusals.append(refusal)
    if management is None:
        refusals.append(_("Mark the work package of project management."))
    else:
        managed = sum(
            (amount for (package, _org), amount in amounts.items() if package == management.pk),
            Decimal("0"),
        )
        ceiling = cents(total * MANAGEMENT_CEILING)
        if managed > ceiling:
            refusals.append(
                _(
                    "Project management (%(code)s) takes %(amount)s, more than 20 %% of the "
                    "grant (%(ceiling)s): move %(excess)s to other work packages."
                )
                % {
                    "code": management.code,
                    "amount": euros(managed),
                    "ceiling": euros(ceiling),
                    "excess": euros(managed - ceiling),
                }
            )
    return refusals


@transaction.atomic
def save_lump_sum_budget(
    *,
    user,
    project_id: int,
    amounts: dict[tuple[int, int], Decimal],
    management_work_package_id: int | None,
    illustrative: bool = False,
    seen=NOT_CHECKED,
    replace_other_model: bool = False,
) -> Budget:
    """Keep a project's lump sum split by (work package, partner), refused unless it holds.
    Amounts kept by budget headings are replaced only when `replace_other_model` says so."""
    project = _lock(user, project_id)
    _refuse_a_newer_save(project, seen)
    _refuse_an_unconfirmed_replacement(project, FundingModel.LUMP_SUM, replace_other_model)
    packages = {wp.pk: wp for wp in WorkPackage.objects.filter(project=project)}
    if {package for package, _org in amounts} - set(packages):
        raise ValidationError(_("Amounts go to the project's own work packages only."))
    _refuse_outsiders(project, [org for _package, org in amounts], amounts)
    management = packages.get(management_work_package_id)
    if management_work_package_id is not None and management is None:
        raise ValidationError(_("The work package of project management is not the project's."))
    amounts = {key: amount_of(value) for key, value in amounts.items()}
    if refusals := lump_sum_refusals(
        project, amounts=amounts, management=management, illustrative=illustrative
    ):
        raise ValidationError(refusals)
    budget = _budget_of(project, FundingModel.LUMP_SUM, illustrative, management)
    LumpSumShare.objects.bulk_create(
        LumpSumShare(budget=budget, work_package_id=package, organisation_id=org, amount=amount)
        for (package, org), amount in sorted(amounts.items())
        if amount
    )
    return budget


@transaction.atomic
def save_headings_budget(
    *,
    user,
    project_id: int,
    amounts: dict[tuple[str, int], Decimal],
    illustrative: bool = False,
    seen=NOT_CHECKED,
    replace_other_model: bool = False,
) -> Budget:
    """Keep a project's planned amounts by (budget heading, partner); they add up to the grant.
    A lump-sum split kept is replaced only when `replace_other_model` says so."""
    project = _lock(user, project_id)
    _refuse_a_newer_save(project, seen)
    _refuse_an_unconfirmed_replacement(project, FundingModel.HEADINGS, replace_other_model)
    if paid_by_lump_sum(project):
        # By headings, the lump sum's rules (an allowed sum, 20 % for management) would not apply.
        raise ValidationError(
            _("A %(action)s project is paid by a lump sum: split it by work package and partner.")
            % {"action": project_call(project)[1]}
        )
    if {heading for heading, _org in amounts} - set(Heading.values):
        raise ValidationError(_("Use the programme's budget headings."))
    _refuse_outsiders(project, [org for _heading, org in amounts], amounts)
    amounts = {key: amount_of(value) for key, value in amounts.items()}
    if refusal := grant_refusal(project, sum(amounts.values(), Decimal("0"))):
        raise ValidationError(refusal)
    budget = _budget_of(project, FundingModel.HEADINGS, illustrative, None)
    HeadingAmount.objects.bulk_create(
        HeadingAmount(budget=budget, heading=heading, organisation_id=org, amount=amount)
        for (heading, org), amount in sorted(amounts.items())
        if amount
    )
    return budget


def _budget_of(project, funding_model, illustrative, management) -> Budget:
    """The project's budget row, its lines cleared for the new ones."""
    budget, _created = Budget.objects.update_or_create(
        project=project,
        defaults={
            "funding_model": funding_model,
            "illustrative": illustrative,
            "management_work_package": management,
        },
    )
    budget.lump_sum_shares.all().delete()
    budget.heading_amounts.all().delete()
    return budget
