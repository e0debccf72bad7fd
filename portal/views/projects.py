"""The list of one's projects and each project's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common import clock
from deliverables.models import Deliverable
from deliverables.services import approve_deliverable
from grants.earning import budget_figures
from progress.selectors import BARS_ONLY, project_progress
from projects import access

from ..filters import ProjectDeliverableFilter
from ..forms import ObjectiveStatusForm
from ..forms.reviews import ApproveForm
from ..kept import Section, project_stamp, render_kept
from ..notices import RECENT_EVENTS, project_events
from ..redirects import safe_next
from ..selectors import (
    HISTORY_LENGTH,
    labelled,
    latest_status_changes,
    latest_submissions,
    project_meetings,
    project_partnerships,
)
from ..timeline import project_timeline

TABLE_FIELDS = [
    "code", "title", "due_date", "due_date_confirmed", "status", "project_id",
    "lead_organisation__short_name", "work_package__code",
]  # fmt: skip
# The deliverables' table is paged, so a project of 10,000 deliverables costs what one of 100 does
# in its table (a page of 50: a hundred rows were most of the page's rendering).
DELIVERABLES_PER_PAGE = 50


def deliverable_filters(request, project) -> ProjectDeliverableFilter:
    """The deliverables table's filters, read from the query string (the page, its download)."""
    return ProjectDeliverableFilter(
        request.GET or None,
        # The project is known: only the lead and the work package are loaded with each row.
        queryset=latest_submissions(
            project.deliverables.select_related("lead_organisation", "work_package")
            .only(*TABLE_FIELDS)
            .order_by("due_date", "code")
        ),
        project=project,
    )


@login_required
def project_list(request):
    projects = list(access.visible_projects(request.user).order_by("-start_date", "acronym"))
    progress = project_progress(
        [project.pk for project in projects], today=clock.today(), **BARS_ONLY
    )
    return render(
        request,
        "portal/project_list.html",
        {"rows": [(project, progress[project.pk]) for project in projects]},
    )


@login_required
def project_detail(request, pk: int):
    """Everything about one project. A project one is not in answers 404.

    Who may see the project, and what they may do there, is asked on every visit; the page's
    content is drawn once per revision of the project (and reader, language, day and address)
    and kept (common.page_cache). Its deliverables' table is kept apart: a filtered or paged
    visit draws the table alone.
    """
    project = get_object_or_404(
        access.visible_projects(request.user).select_related("officer__person"), pk=pk
    )
    may_approve = access.may_run_project(request.user, project.pk)
    return render_kept(
        request,
        "portal/project_content.html",
        lambda: (project.pk, may_approve, *project_stamp(project.pk)),
        lambda: project_page(project, may_approve, officer=access.is_officer(request.user)),
        title=project.acronym,
        section=Section(
            "deliverables_section",
            "portal/project_deliverables.html",
            lambda: deliverables_section(request, project, may_approve),
        ),
    )


def project_page(project, may_approve: bool, *, officer: bool) -> dict:
    """What the project page shows, but for its deliverables' table."""
    today = clock.today()
    work_packages = list(project.work_packages.all())
    meetings = list(project_meetings(project))
    return {
        "project": project,
        "today": today,
        "progress": project_progress([project.pk], today=today, **BARS_ONLY)[project.pk],
        "budget": budget_figures([project.pk], today=today).get(project.pk),
        "partnerships": project_partnerships(project),
        "objectives": project.objectives.order_by("number"),
        "status_form": ObjectiveStatusForm() if officer else None,
        "may_approve": may_approve,
        "work_packages": work_packages,
        "meetings": meetings,
        "history": latest_status_changes([project.pk])[:HISTORY_LENGTH],
        "recent_events": project_events(project.pk)[:RECENT_EVENTS],
        "timeline": project_timeline(
            project,
            work_packages=work_packages,
            deliverables=project.deliverables.all(),
            meetings=meetings,
            today=today,
        ),
    }


def deliverables_section(request, project, may_approve: bool) -> dict:
    """The deliverables' table, filtered and paged by the query string."""
    filters = deliverable_filters(request, project)
    return {
        "project": project,
        "today": clock.today(),
        "filters": filters,
        "deliverables": Paginator(
            filters.qs if filters.is_valid() else filters.queryset, DELIVERABLES_PER_PAGE
        ).get_page(request.GET.get("page")),
        "may_approve": may_approve,
    }


@login_required
def approve(request, pk: int):
    """Ask to confirm with what was handed in before one's eyes (GET), then approve (POST)."""
    visible = Deliverable.objects.filter(project__in=access.visible_project_ids(request.user))
    deliverable = get_object_or_404(latest_submissions(labelled(visible)), pk=pk)
    project_page = reverse("project-detail", args=[deliverable.project_id])
    form = ApproveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            # The service refuses whoever may not approve: Django answers that with a 403.
            approve_deliverable(
                deliverable=deliverable,
                approved_by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as refusal:
            if "comment" not in getattr(refusal, "error_dict", {}):
                # No longer submitted, say: nothing on this page to correct.
                messages.error(request, " ".join(refusal.messages))
                return redirect(safe_next(request, project_page))
            form.add_error(None, refusal)
        else:
            messages.success(request, _("%(code)s is approved.") % {"code": deliverable.code})
            return redirect(safe_next(request, project_page))
    elif not access.may_approve(request.user, deliverable):
        raise PermissionDenied  # the same rule the service enforces on POST
    return render(
        request,
        "portal/approve.html",
        {
            "deliverable": deliverable,
            "today": clock.today(),
            "submission": next(iter(deliverable.newest_submissions), None),
            "form": form,
            "next": safe_next(request, project_page + "#deliverables"),
        },
    )
