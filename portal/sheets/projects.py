"""The tables of a project's pages: partners, objectives, deliverables, meetings, action items,
and the work plan's work packages and deliverables."""

from django.utils.translation import gettext as _

from common import clock
from deliverables.models import Deliverable

from ..selectors import project_meetings, project_partnerships
from ..views.projects import deliverable_filters
from ..views.work_plan import PLAN_ORDER, packages_of, with_contributors
from . import Sheet, day, sheet, status_of


def deliverable_sheet(deliverables, *, today, acronym=None) -> Sheet:
    """Deliverables as the project page and My work show them."""
    header = [
        _("Project"), _("Code"), _("Deliverable"), _("Work package"), _("Lead"), _("Due"),
        _("Status"),
    ]  # fmt: skip
    return sheet(
        header,
        (
            (
                acronym or d.project.acronym,
                d.code,
                d.title,
                d.work_package.code if d.work_package_id else "",
                d.lead_organisation.short_name,
                day(d.due_date),
                status_of(d, today),  # as the page shows it: "In progress · late"
            )
            for d in deliverables
        ),
    )


def project_deliverables(request, project) -> Sheet:
    """The project page's deliverables, filtered as the page is (its query string)."""
    filters = deliverable_filters(request, project)
    deliverables = filters.qs if filters.is_valid() else filters.queryset
    return deliverable_sheet(deliverables, today=clock.today(), acronym=project.acronym)


def partners(request, project) -> Sheet:
    """Partners by country with their contacts' names: the page shows no e-mail address, nor
    does its download."""
    header = [_("Country"), _("Organisation"), _("City"), _("Role"), _("Contacts")]
    return sheet(
        header,
        (
            (
                p.organisation.country.name,
                p.organisation.name,
                p.organisation.city,
                p.get_role_display(),
                ", ".join(person.full_name for person in p.contacts.all()),
            )
            for p in project_partnerships(project)
        ),
    )


def objectives(request, project) -> Sheet:
    return sheet(
        ["#", _("Objective"), _("Status")],
        (
            (o.number, o.title, o.get_status_display())
            for o in project.objectives.order_by("number")
        ),
    )


def meetings(request, project) -> Sheet:
    header = [_("Meeting"), _("Kind"), _("When"), _("Where"), _("Host"), _("Minutes")]
    return sheet(
        header,
        (
            (
                m.title,
                m.get_kind_display(),
                m.dates_text,
                m.place,
                m.host_organisation.short_name if m.host_organisation_id else "",
                m.minutes,
            )
            for m in project_meetings(project)
        ),
    )


def action_item_rows(items, *, today, meeting=None):
    for item in items:
        yield (
            (meeting or item.meeting).title,
            item.description,
            item.owner.full_name,
            day(item.due_date),
            status_of(item, today),
        )


def action_item_header() -> list[str]:
    return [_("Meeting"), _("Action item"), _("Owner"), _("Due"), _("Status")]


def project_action_items(request, project) -> Sheet:
    """The action items of every meeting of the project, as the page lists them under each."""
    today = clock.today()
    rows = (
        row
        for meeting in project_meetings(project)
        for row in action_item_rows(meeting.action_items.all(), today=today, meeting=meeting)
    )
    return sheet(action_item_header(), rows)


def work_packages(request, project) -> Sheet:
    header = [_("Code"), _("Title"), _("Lead"), _("Period"), _("Start"), _("End")]
    return sheet(
        header,
        (
            (
                p.code,
                p.title,
                p.lead_organisation.name,
                p.period_label,
                *(day(d) for d in (p.period_dates or (None, None))),
            )
            for p in packages_of(project)
        ),
    )


def work_plan(request, project) -> Sheet:
    """The work plan's deliverables, package by package, with contributors and dissemination."""
    deliverables = with_contributors(
        project.deliverables.select_related("work_package").order_by(
            "work_package__position", "work_package__code", *PLAN_ORDER
        )
    )
    header = [
        _("Work package"), _("Code"), _("Deliverable"), _("Kind"), _("Lead"), _("Contributors"),
        _("Due"), _("Dissemination"),
    ]  # fmt: skip
    return sheet(
        header,
        (
            (
                d.work_package.code if d.work_package_id else "",
                d.code,
                d.title,
                d.get_kind_display(),
                d.lead_organisation.short_name,
                ", ".join(c.organisation.short_name for c in d.contributions.all()),
                due_text(d),
                d.get_dissemination_level_display(),
            )
            for d in deliverables
        ),
    )


def due_text(deliverable: Deliverable) -> str:
    """The due date, or its month alone while the day is to be confirmed (as the import reads)."""
    if deliverable.due_date_confirmed:
        return day(deliverable.due_date)
    return deliverable.due_date.strftime("%Y-%m")
