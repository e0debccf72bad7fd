"""Officers set a project up: its identity, or a copy of another one.

Anyone else who may see the project gets a 403 that says why; a project one may not see
answers 404, as everywhere.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common import clock
from deliverables.copying import copy_project, project_template
from grants.services import stored_budget_mismatch
from projects import access
from projects.models import Project
from projects.setup import save_project

from ..binding import posted
from ..decorators import officer_required
from ..forms.setup import ProjectForm


def officer_project(request, pk: int) -> Project:
    """The project, for an officer: 404 when the reader may not see it, else 403 for others."""
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    if not access.is_officer(request.user):
        raise PermissionDenied(_("This page is for project officers."))
    return project


def render_form(request, template: str, context: dict, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@officer_required
def project_new(request):
    form = ProjectForm(posted(request), instance=Project(), initial={"officer": request.user.pk})
    if request.method == "POST" and form.is_valid():
        project = save_project(project=form.instance, saved_by=request.user, today=clock.today())
        messages.success(request, _("%(acronym)s is created.") % {"acronym": project.acronym})
        return redirect("project-partners", pk=project.pk)
    return render_form(request, "portal/setup_project.html", {"heading": _("New project")}, form)


@login_required
def project_edit(request, pk: int):
    project = officer_project(request, pk)
    # Named before the form writes what was typed into the project.
    context = {"heading": _("Edit %(acronym)s") % {"acronym": project.acronym}, "project_pk": pk}
    form = ProjectForm(posted(request), instance=project)
    if request.method == "POST" and form.is_valid():
        save_project(project=form.instance, saved_by=request.user)
        messages.success(request, _("The project is saved."))
        if stored_budget_mismatch(project):
            # Kept, not refused (grants.services.budget_mismatch says why): the budget page
            # says by how much, for whoever splits it again.
            return redirect("project-budget", pk=project.pk)
        return redirect("project-detail", pk=project.pk)
    return render_form(request, "portal/setup_project.html", context, form)


@login_required
def project_copy(request, pk: int):
    """A new project with this one's work packages, objectives and lead times as a template."""
    source = officer_project(request, pk)
    form = ProjectForm(posted(request), instance=project_template(source), reference_required=True)
    if request.method == "POST" and form.is_valid():
        project = copy_project(
            source=source, project=form.instance, copied_by=request.user, today=clock.today()
        )
        messages.success(
            request,
            _("%(acronym)s is created from %(source)s.")
            % {"acronym": project.acronym, "source": source.acronym},
        )
        return redirect("project-edit", pk=project.pk)
    context = {
        "heading": _("New project from %(acronym)s") % {"acronym": source.acronym},
        "source": source,
        "copied": {
            "work_packages": source.work_packages.count(),
            "objectives": source.objectives.count(),
            "partners": source.partnerships.count(),
        },
    }
    return render_form(request, "portal/setup_project.html", context, form)
