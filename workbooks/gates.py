"""Who may write which sheet from the pages: what the API lets the same user write, asked of the
sheet's own API resource (its viewset's `coordinators_may_write`) and the same predicates
(projects.access), so that an import is never a way around the API. Today that leaves the
project's details, organisations, people, partnerships and objectives to the officers, and the
work packages, deliverables and meetings to whoever runs the project. A row that comes out
unchanged (the workbook as it was exported) passes."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from deliverables.views import DeliverableViewSet, WorkPackageViewSet
from meetings.views import MeetingViewSet
from projects import access
from projects.organisation_views import OrganisationViewSet, PersonViewSet
from projects.views import ObjectiveViewSet, PartnershipViewSet, ProjectViewSet

RESOURCES = {
    "project": ProjectViewSet,
    "organisations": OrganisationViewSet,
    "people": PersonViewSet,
    "partnerships": PartnershipViewSet,
    "objectives": ObjectiveViewSet,
    "work packages": WorkPackageViewSet,
    "deliverables": DeliverableViewSet,
    "meetings": MeetingViewSet,
}


def check_may_write(user, sheet: str, project_id: int | None) -> None:
    """Refuse a change to `sheet` that `user` could not make through the API in the project;
    no user is the command line's operator."""
    if user is None or access.may_manage_network(user):
        return
    if RESOURCES[sheet].coordinators_may_write and access.may_run_project(user, project_id):
        return
    raise PermissionDenied(
        _(
            "Only project officers may change the %(sheet)s sheet's rows: leave this row as it "
            "was exported, or ask an officer to import it."
        )
        % {"sheet": sheet}
    )


class Gate:
    """One import's user and what they may write, asked once per sheet and project rather than
    for each of a sheet's rows (the predicates read the database)."""

    def __init__(self, user):
        self.user = user
        self.refusals: dict[tuple[str, int | None], str] = {}

    def check(self, sheet: str, project_id: int | None) -> None:
        key = (sheet, project_id)
        if key not in self.refusals:
            try:
                check_may_write(self.user, sheet, project_id)
                self.refusals[key] = ""
            except PermissionDenied as refusal:
                self.refusals[key] = str(refusal)
        if self.refusals[key]:
            raise PermissionDenied(self.refusals[key])

    @contextmanager
    def checking_values(self, sheet: str, project_id: int | None):
        """Around the checks of a row's values: a row the user may not write is refused for that
        alone, since what its values clash with (an OID or an address already taken) may be a
        row they do not see, which must answer as no row at all."""
        try:
            yield
        except ValidationError:
            self.check(sheet, project_id)
            raise


def check_may_change_status(user) -> None:
    """An objective's status, as projects.services.change_objective_status decides it, asked
    while a sheet is checked, before anything is written."""
    if user is not None and not access.may_manage_network(user):
        raise PermissionDenied(_("Only project officers change an objective's status."))
