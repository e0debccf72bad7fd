"""Who may write which sheet from the pages: the API's rules, asked of the same predicates
(projects.access), so that an import is never a way around them. The project's own details,
the organisations, the people and the partnerships are the officers' (may_manage_network);
the work plan and the meetings belong to whoever runs the project, and the import page is
open to them alone. A row that comes out unchanged (the workbook as it was exported) passes."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from projects import access

OFFICERS_SHEETS = {"project", "organisations", "people", "partnerships"}


def check_may_write(user, sheet: str) -> None:
    """Refuse a change to `sheet` that `user` could not make through the API; no user is the
    command line's operator."""
    if user is None or sheet not in OFFICERS_SHEETS or access.may_manage_network(user):
        return
    raise PermissionDenied(
        _(
            "Only project officers may change the %(sheet)s sheet's rows: leave this row as it "
            "was exported, or ask an officer to import it."
        )
        % {"sheet": sheet}
    )


def check_may_change_status(user) -> None:
    """An objective's status, as projects.services.change_objective_status decides it, asked
    while a sheet is checked, before anything is written."""
    if user is not None and not access.may_manage_network(user):
        raise PermissionDenied(_("Only project officers change an objective's status."))
