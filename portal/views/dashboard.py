"""The officers' page: where every project stands, what is due or late, what changed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from common import clock
from grants.earning import budget_figures
from newsletters.models import NewsletterIssue
from newsletters.services import previous_month
from progress.selectors import BARS_ONLY, project_progress
from projects.models import Objective, Project
from projects.services import change_objective_status

from ..binding import posted
from ..decorators import officer_required
from ..forms import NewsletterPeriodForm, ObjectiveStatusForm
from ..kept import Section, network_stamp, render_kept
from ..redirects import safe_next
from ..selectors import (
    HISTORY_LENGTH,
    LIST_LIMIT,
    UPCOMING_DAYS,
    late_action_items,
    late_deliverables,
    latest_status_changes,
    upcoming_deadlines,
)

ISSUES_SHOWN = 12
# The projects' table is paged: a network of 1,000 projects made a page of 1.3 MB in 1.7 s.
PROJECTS_PER_PAGE = LIST_LIMIT


# The columns the dashboard's lists write: their rows came with every column of the item, its
# project, organisation, work package or meeting and owner, translations included, which cost
# more than the rest of those lists (a query-count test fails if a row needs one more).
DEADLINE_COLUMNS = [
    "code", "title", "due_date", "project__acronym", "lead_organisation__short_name",
]  # fmt: skip
ACTION_COLUMNS = [
    "description", "due_date", "meeting__project__acronym", "owner__first_name",
    "owner__last_name",
]  # fmt: skip


def deadlines(queryset):
    """Deliverables with only what the dashboard writes of them (no work package)."""
    return (
        queryset.select_related(None)
        .select_related("project", "lead_organisation")
        .only(*DEADLINE_COLUMNS)
    )


def capped(queryset) -> tuple[list, bool]:
    """The first LIST_LIMIT rows, and whether there are more; one query either way."""
    rows = list(queryset[: LIST_LIMIT + 1])
    return rows[:LIST_LIMIT], len(rows) > LIST_LIMIT


@officer_required
def dashboard(request):
    """Drawn again once anything of any project changes (the network's meetings, newsletter
    issues and names included: projects/db_rules.py), else kept. Its table of projects is kept
    apart: a visit to another of its pages draws the table alone."""
    return render_kept(
        request,
        "portal/dashboard_content.html",
        network_stamp,
        dashboard_page,
        title=_("Dashboard"),
        section=Section(
            "projects_section", "portal/dashboard_projects.html", lambda: projects_section(request)
        ),
    )


def projects_section(request) -> dict:
    """One page of the projects' table, with each one's progress and budget."""
    today = clock.today()
    projects = Paginator(
        Project.objects.select_related("officer").order_by("acronym"), PROJECTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    # The table shows each project's next deadline and next meeting, nothing more.
    progress = project_progress(
        [project.pk for project in projects], today=today, deadlines=1, last_meeting=False
    )
    budgets = budget_figures([project.pk for project in projects], today=today)
    return {
        "rows": [(project, progress[project.pk], budgets.get(project.pk)) for project in projects],
        "projects_page": projects,
    }


def dashboard_page() -> dict:
    """What the dashboard shows, but for its table of projects."""
    today = clock.today()
    upcoming, more_upcoming = capped(deadlines(upcoming_deadlines(today=today)))
    late, more_late = capped(deadlines(late_deliverables(today=today)))
    late_actions, more_late_actions = capped(late_action_items(today=today).only(*ACTION_COLUMNS))
    first, last = previous_month(today)
    return {
        "today": today,
        "upcoming": upcoming,
        "more_upcoming": more_upcoming,
        # Deliverables and action items together, the latest first.
        "late": sorted(
            [("deliverable", d) for d in late] + [("action", a) for a in late_actions],
            key=lambda kind_and_row: kind_and_row[1].due_date,
        ),
        "more_late": more_late or more_late_actions,
        "history": latest_status_changes()[:HISTORY_LENGTH],
        "issues": NewsletterIssue.objects.order_by("-period_start", "language")[:ISSUES_SHOWN],
        "upcoming_days": UPCOMING_DAYS,
        "list_limit": LIST_LIMIT,
        "period_form": NewsletterPeriodForm(
            initial={"first": first, "last": last, "language": translation.get_language()}
        ),
    }


@officer_required
def project_objectives(request, pk: int):
    """The objectives of one project with their status forms, loaded when opened."""
    project = get_object_or_404(Project, pk=pk)
    return render(
        request,
        "portal/objective_table.html",
        {
            "project": project,
            "objectives": project.objectives.order_by("number"),
            "status_form": ObjectiveStatusForm(),
        },
    )


@officer_required
def objective_status(request, pk: int):
    """Change an objective's status with a comment; the history records who, when and why.

    From the dashboard or the project page, htmx swaps the objective's row and the history in
    place; without a script, the form posts here and comes back to the page it came from.
    """
    objective = get_object_or_404(Objective.objects.select_related("project"), pk=pk)
    form = ObjectiveStatusForm(
        posted(request), initial={"status": objective.status}, current=objective.status
    )
    changed = False
    if request.method == "POST" and form.is_valid():
        try:
            change_objective_status(
                objective=objective,
                status=form.cleaned_data["status"],
                changed_by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as refusal:
            form.add_error("status", refusal.messages)
        else:
            changed = True
            if not request.htmx:
                messages.success(request, _("The objective's status is saved."))
                project_page = reverse("project-detail", args=[objective.project_id])
                return redirect(safe_next(request, project_page + "#objectives"))
    if request.htmx:
        return render_objective_row(request, objective, form, changed=changed)
    return render(
        request,
        "portal/objective_status.html",
        {"objective": objective, "status_form": form, "next": safe_next(request, "")},
        status=400 if form.errors else 200,
    )


def render_objective_row(request, objective, form, *, changed: bool):
    """The objective's row, and after a change the page's history list as an out-of-band swap."""
    context = {
        "objective": objective,
        "status_form": form if form.errors else ObjectiveStatusForm(),
        "just_changed": changed,
    }
    if changed:
        page = request.htmx.current_url_abs_path or ""
        on_dashboard = page.startswith(reverse("dashboard"))
        projects = None if on_dashboard else [objective.project_id]
        context["history"] = latest_status_changes(projects)[:HISTORY_LENGTH]
        # The project's bars, on the dashboard's row or the project page, show the new counts.
        pk = objective.project_id
        context["progress"] = project_progress([pk], today=clock.today(), **BARS_ONLY)[pk]
        context["oob"] = True
    return render(request, "portal/objective_row_swap.html", context)
