"""A project's work plan: its work packages and deliverables, in the plan's order.

Whoever may read the project reads the plan; officers and the coordinator's contacts change it
(projects.access.may_run_project, enforced by the services). Rows are edited in place with htmx;
without a script, each edit, addition and removal is a page of its own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.validators import is_whole_number
from deliverables.models import Contribution, Deliverable, WorkPackage
from deliverables.work_plan import (
    deliverable_removal_refusal,
    move_deliverable,
    move_work_package,
    refuse_unless_running,
    remove_deliverable,
    remove_work_package,
    save_deliverable,
    save_work_package,
    work_package_removal_refusal,
)
from partners.models import Organisation
from projects import access

from ..binding import posted
from ..forms.work_plan import DeliverableForm, WorkPackageForm

PLAN_ORDER = ("position", "code", "pk")


def visible_project(request, pk: int):
    """The project, if the reader may see it; 404 otherwise, on every URL of the plan."""
    return get_object_or_404(access.visible_projects(request.user), pk=pk)


def running_project(request, pk: int):
    """The project, if the reader may change its plan: 404 when they may not see it, 403 when
    they may only read it (the services refuse the same on every change)."""
    project = visible_project(request, pk)
    refuse_unless_running(request.user, project.pk)
    return project


def plan_url(project, anchor: str = "") -> str:
    return reverse("work-plan", args=[project.pk]) + (f"#{anchor}" if anchor else "")


def partners_of(project) -> list[Organisation]:
    return list(
        Organisation.objects.filter(partnerships__project=project).order_by("name").distinct()
    )


def packages_of(project) -> list[WorkPackage]:
    return list(project.work_packages.select_related("lead_organisation").order_by(*PLAN_ORDER))


def with_contributors(deliverables):
    contributions = Contribution.objects.select_related("organisation").order_by(
        "organisation__short_name"
    )
    return deliverables.select_related("lead_organisation").prefetch_related(
        Prefetch("contributions", queryset=contributions)
    )


@login_required
def work_plan(request, pk: int):
    project = visible_project(request, pk)
    packages = packages_of(project)
    deliverables = with_contributors(project.deliverables.order_by(*PLAN_ORDER))
    by_package = {package.pk: [] for package in packages}
    unassigned = []
    for deliverable in deliverables:
        by_package.get(deliverable.work_package_id, unassigned).append(deliverable)
    return render(
        request,
        "portal/work_plan.html",
        {
            "project": project,
            "may_edit": access.may_run_project(request.user, project.pk),
            "packages": [(package, by_package[package.pk]) for package in packages],
            "unassigned": unassigned,
        },
    )


def edit_row(request, project, form, *, save, row_template, inline_template, anchor):
    """Show the form, or save it through the service. With htmx, the row is swapped in place:
    its form, then the row as saved (or the form again with its errors, answered 400)."""
    inline = bool(request.htmx) and form.instance.pk is not None
    if inline:
        # Several rows may be open at once: each row's fields get ids of their own.
        form.auto_id = f"{anchor}-{form.instance.pk}-%s"
    if request.method == "POST" and form.is_valid():
        try:
            row = save(form)
        except ValidationError as refusal:
            form.add_refusal(refusal)
        else:
            if inline:
                return render(request, row_template, row_context(project, row))
            messages.success(request, _("%(code)s is saved.") % {"code": row.code})
            return redirect(plan_url(project, f"{anchor}-{row.pk}"))
    context = {"project": project, "form": form, "row": form.instance, "anchor": anchor}
    template = inline_template if inline else "portal/work_plan_form.html"
    return render(request, template, context, status=400 if form.errors else 200)


def row_context(project, row) -> dict:
    if isinstance(row, Deliverable):
        row = with_contributors(Deliverable.objects.filter(pk=row.pk)).get()
        return {"project": project, "deliverable": row, "may_edit": True}
    return {"project": project, "package": row, "may_edit": True}


@login_required
def package_form(request, pk: int, item: int | None = None):
    project = running_project(request, pk)
    package = (
        get_object_or_404(project.work_packages, pk=item) if item else WorkPackage(project=project)
    )
    form = WorkPackageForm(
        posted(request), instance=package, project=project, partners=partners_of(project)
    )
    return edit_row(
        request,
        project,
        form,
        save=lambda form: save_work_package(work_package=form.save(commit=False), by=request.user),
        row_template="portal/work_plan_package.html",
        inline_template="portal/work_plan_package_inline.html",
        anchor="work-package",
    )


@login_required
def deliverable_form(request, pk: int, item: int | None = None):
    project = running_project(request, pk)
    if item:
        deliverable = get_object_or_404(with_contributors(project.deliverables), pk=item)
    else:
        deliverable = Deliverable(project=project)
        package = request.GET.get("package", "")
        if is_whole_number(package):
            deliverable.work_package = project.work_packages.filter(pk=package).first()
    form = DeliverableForm(
        posted(request),
        instance=deliverable,
        project=project,
        partners=partners_of(project),
        work_packages=packages_of(project),
    )

    def save(form):
        return save_deliverable(
            deliverable=form.save(commit=False),
            contributors=form.cleaned_data["contributors"],
            by=request.user,
        )

    return edit_row(
        request,
        project,
        form,
        save=save,
        row_template="portal/work_plan_deliverable_row.html",
        inline_template="portal/work_plan_deliverable_inline.html",
        anchor="deliverable",
    )


@login_required
@require_POST
def package_move(request, pk: int, item: int):
    project = visible_project(request, pk)
    package = get_object_or_404(project.work_packages, pk=item)
    move_work_package(work_package=package, up=request.POST.get("to") == "up", by=request.user)
    return redirect(plan_url(project, f"work-package-{package.pk}"))


@login_required
@require_POST
def deliverable_move(request, pk: int, item: int):
    project = visible_project(request, pk)
    deliverable = get_object_or_404(project.deliverables, pk=item)
    move_deliverable(deliverable=deliverable, up=request.POST.get("to") == "up", by=request.user)
    return redirect(plan_url(project, f"deliverable-{deliverable.pk}"))


def remove_row(request, project, row, *, refusal, remove):
    """Ask to confirm (GET), then remove (POST); a removal refused says why, answered 400."""
    reason = refusal(row)
    if request.method == "POST" and not reason:
        try:
            remove(row)
        except ValidationError as refused:
            reason = " ".join(refused.messages)
        else:
            messages.success(request, _("%(code)s is removed.") % {"code": row.code})
            return redirect(plan_url(project))
    return render(
        request,
        "portal/work_plan_remove.html",
        {"project": project, "row": row, "refusal": reason},
        status=400 if reason and request.method == "POST" else 200,
    )


@login_required
def package_remove(request, pk: int, item: int):
    project = running_project(request, pk)
    package = get_object_or_404(project.work_packages, pk=item)
    return remove_row(
        request,
        project,
        package,
        refusal=work_package_removal_refusal,
        remove=lambda row: remove_work_package(work_package=row, by=request.user),
    )


@login_required
def deliverable_remove(request, pk: int, item: int):
    project = running_project(request, pk)
    deliverable = get_object_or_404(project.deliverables, pk=item)
    return remove_row(
        request,
        project,
        deliverable,
        refusal=deliverable_removal_refusal,
        remove=lambda row: remove_deliverable(deliverable=row, by=request.user),
    )
