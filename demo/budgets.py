"""The demo's budgets, written through the budget service as a person's would be."""

from grants.models import AllowedLumpSum, Budget, FundingModel, UnitCostRate
from grants.programme_figures import record_programme_figures
from grants.services import save_headings_budget, save_lump_sum_budget
from partners.models import Organisation
from projects.models import Project

from . import data


def stored(project: Project) -> tuple | None:
    """What the project's budget holds, to leave an unchanged one untouched."""
    budget = Budget.objects.filter(project=project).first()
    if budget is None:
        return None
    if budget.funding_model == FundingModel.LUMP_SUM:
        rows = budget.lump_sum_shares.values_list(
            "work_package__code", "organisation__name", "amount"
        )
    else:
        rows = budget.heading_amounts.values_list("heading", "organisation__name", "amount")
    code = budget.management_work_package.code if budget.management_work_package else None
    return budget.funding_model, budget.illustrative, code, sorted(rows)


def load_budgets(*, officer) -> int:
    """Write the demo's budgets that differ from what is stored; how many were written."""
    record_programme_figures(AllowedLumpSum, UnitCostRate)  # the budgets are checked against them
    organisations = dict(Organisation.objects.values_list("name", "pk"))
    written = 0
    for acronym, lines in data.BUDGET_HEADINGS.items():
        project = Project.objects.get(acronym=acronym)
        if stored(project) == (FundingModel.HEADINGS, False, None, sorted(lines)):
            continue
        save_headings_budget(
            user=officer,
            project_id=project.pk,
            amounts={(heading, organisations[name]): amount for heading, name, amount in lines},
            replace_other_model=True,  # the demo's own figures, whatever was tried on them
        )
        written += 1
    for acronym, (management, lines) in data.ILLUSTRATIVE_LUMP_SUMS.items():
        project = Project.objects.get(acronym=acronym)
        if stored(project) == (FundingModel.LUMP_SUM, True, management, sorted(lines)):
            continue
        packages = dict(project.work_packages.values_list("code", "pk"))
        save_lump_sum_budget(
            user=officer,
            project_id=project.pk,
            amounts={(packages[code], organisations[name]): amount for code, name, amount in lines},
            management_work_package_id=packages[management],
            illustrative=True,
            replace_other_model=True,
        )
        written += 1
    return written
