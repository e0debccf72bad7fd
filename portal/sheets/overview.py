"""The tables that span projects: the dashboard's, the projects list, the people."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import clock
from newsletters.models import NewsletterIssue
from partners.invitations import login_state
from partners.naming import name_of
from progress.selectors import project_progress
from projects import access
from projects.models import Project

from ..selectors import (
    late_action_items,
    late_deliverables,
    latest_status_changes,
    upcoming_deadlines,
)
from ..templatetags.deadlines import days_left
from ..views.people import searched_people
from . import Sheet, day, sheet


def project_sheet(projects) -> Sheet:
    """Projects with their progress, as the projects list and the dashboard show them."""
    projects = list(projects)
    today = clock.today()
    progress = project_progress([project.pk for project in projects], today=today)
    header = [
        _("Project"), _("Title"), _("Status"), _("Start"), _("End"),
        _("Objectives"), _("Achieved"), _("Almost achieved"), _("At risk"),
        _("Deliverables"), _("Approved"), _("Submitted"), _("Late"),
        _("Next deadline"), _("Next meeting"),
    ]  # fmt: skip

    def rows():
        for project in projects:
            p = progress[project.pk]
            deadline = p.next_deadlines[0] if p.next_deadlines else None
            yield (
                project.acronym,
                project.title,
                project.get_status_display(),
                day(project.start_date),
                day(project.end_date),
                p.objectives_total,
                p.objectives.get("achieved", 0),
                p.objectives.get("almost_achieved", 0),
                p.objectives.get("at_risk", 0),
                p.deliverables_total,
                p.deliverables.get("approved", 0),
                p.deliverables.get("submitted", 0),
                p.deliverables_late,
                f"{deadline.code} {day(deadline.due_date)}" if deadline else "",
                f"{p.next_meeting.title}, {p.next_meeting.dates_text}" if p.next_meeting else "",
            )

    return sheet(header, rows())


def my_projects(request) -> Sheet:
    return project_sheet(access.visible_projects(request.user).order_by("-start_date", "acronym"))


def dashboard_projects(request) -> Sheet:
    return project_sheet(Project.objects.order_by("acronym"))


def deadlines(request) -> Sheet:
    """Every deadline of the next days, not only the first ones the page lists."""
    today = clock.today()
    header = [_("Due"), _("Project"), _("Code"), _("Deliverable"), _("Lead"), _("When")]
    return sheet(
        header,
        (
            (
                day(d.due_date),
                d.project.acronym,
                d.code,
                d.title,
                d.lead_organisation.short_name,
                days_left(d.due_date, today),
            )
            for d in upcoming_deadlines(today=today)
        ),
    )


def late(request) -> Sheet:
    """Late deliverables and action items together, the longest late first, as the page."""
    today = clock.today()
    header = [_("Due"), _("Project"), _("Kind"), _("Item"), _("Lead or owner"), _("When")]
    rows = [
        (d.due_date, d.project.acronym, _("deliverable"), f"{d.code} {d.title}",
         d.lead_organisation.short_name)
        for d in late_deliverables(today=today)
    ] + [
        (a.due_date, a.meeting.project.acronym, _("action item"), a.description,
         a.owner.full_name)
        for a in late_action_items(today=today)
    ]  # fmt: skip
    rows.sort(key=lambda row: row[0])
    return sheet(header, ((day(r[0]), *r[1:], days_left(r[0], today)) for r in rows))


def status_changes(request) -> Sheet:
    header = [
        _("Changed on"), _("Project"), _("Objective"), _("From"), _("To"), _("Changed by"),
        _("Comment"),
    ]  # fmt: skip
    return sheet(
        header,
        (
            (
                timezone.localtime(c.changed_at).strftime("%Y-%m-%d %H:%M"),
                c.objective.project.acronym,
                c.objective.number,
                c.get_from_status_display(),
                c.get_to_status_display(),
                name_of(c.changed_by),
                c.comment,
            )
            for c in latest_status_changes()
        ),
    )


def newsletters(request) -> Sheet:
    header = [_("Start"), _("End"), _("Language"), _("Status")]
    return sheet(
        header,
        (
            (
                day(i.period_start),
                day(i.period_end),
                i.get_language_display(),
                i.get_status_display(),
            )
            for i in NewsletterIssue.objects.order_by("-period_start", "language")
        ),
    )


def people(request) -> Sheet:
    """The officers' people list, searched as the page is; officers see e-mail addresses there."""
    states = {
        "none": _("No login"), "invited": _("Invited"), "active": pgettext("a login", "Active"),
        "deactivated": _("Deactivated"),
    }  # fmt: skip
    _form, found = searched_people(request)
    header = [_("Name"), _("Job title"), _("Organisation"), _("E-mail address"), _("Login")]
    return sheet(
        header,
        (
            (p.full_name, p.job_title, p.organisation.short_name, p.email, states[login_state(p)])
            for p in found
        ),
    )
