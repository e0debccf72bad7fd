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


def project_call(project: Project) -> tuple[int, str]:
    """The call year and action: from the reference number, else the start year and action."""
    reference = project.reference_number
    if reference and references.is_valid_reference(reference):
        return int(reference[:4]), references.action_code(reference)
    return project.start_date.year, project.action


def lump_sum_call(project: Project, *, illustrative: bool) -> Call:
    """The call whose allowed sums apply. An illustrative split of a project never paid by
    lump sum answers to the latest call recorded for its field's successor action."""
    year, action = project_call(project)
    if illustrative and action in SUCCESSOR:
        action = SUCCESSOR[action]
        year = (
            AllowedLumpSum.objects.filter(action=action)
            .order_by("-call_year")
            .values_list("call_year", flat=True)
            .first()
        )
    amounts = AllowedLumpSum.objects.filter(call_year=year, action=action).order_by("amount")
    return Call(year, action, tuple(amounts.values_list("amount", flat=True)))


def paid_by_lump_sum(project: Project) -> bool:
    return project_call(project)[1] in LUMP_SUM_ACTIONS
