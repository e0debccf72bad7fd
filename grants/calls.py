"""Which call a project's lump sum answers to, and the amounts that call allows."""

from dataclasses import dataclass
from decimal import Decimal

from projects import references
from projects.models import Project

from .models import AllowedLumpSum

# The 2021–2027 action that took over a strategic partnership's field: where an illustrative
# lump sum of a 2014–2020 project looks for its amounts.
SUCCESSOR = {
    Project.Action.KA202: Project.Action.KA220_VET,
    Project.Action.KA204: Project.Action.KA220_ADU,
}

# The 2021–2027 actions whose grant is a lump sum: never paid by budget headings.
LUMP_SUM_ACTIONS = frozenset(
    {Project.Action.KA220_VET, Project.Action.KA220_ADU, Project.Action.KA210}
)


@dataclass(frozen=True)
class Call:
    year: int | None
    action: str
    amounts: tuple[Decimal, ...]
    # The action whose lump sums an illustrative split of a project of the headings generation
    # is compared to; empty when the amounts are those of the project's own call.
    successor: str = ""


def project_call(project: Project) -> tuple[int, str]:
    """The call year and action: from the reference number, else the start year and action."""
    reference = project.reference_number
    if reference and references.is_valid_reference(reference):
        return int(reference[:4]), references.action_code(reference)
    return project.start_date.year, project.action


def lump_sum_call(project: Project, *, illustrative: bool) -> Call:
    """The call whose allowed sums apply: the project's own. A project of the budget headings
    generation has none; an illustrative split of it is compared to the sums every recorded
    call of its field's successor action allows, never to one call that is not its own."""
    year, action = project_call(project)
    if action not in LUMP_SUM_ACTIONS and illustrative and action in SUCCESSOR:
        successor = SUCCESSOR[action]
        amounts = (
            AllowedLumpSum.objects.filter(action=successor)
            .order_by("amount")
            .values_list("amount", flat=True)
            .distinct()
        )
        return Call(year, action, tuple(amounts), successor=successor)
    if action not in LUMP_SUM_ACTIONS:
        return Call(year, action, ())
    amounts = AllowedLumpSum.objects.filter(call_year=year, action=action).order_by("amount")
    return Call(year, action, tuple(amounts.values_list("amount", flat=True)))


def paid_by_lump_sum(project: Project) -> bool:
    return project_call(project)[1] in LUMP_SUM_ACTIONS
