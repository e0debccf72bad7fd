"""A project's dissemination log and results register. Whoever sees the project reads them; its
coordinator and officers write for any partner, a partner's contacts for their own organisation
(projects.access.may_record_outreach, checked again by the services); others get 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common import clock
from common.exports import csv_response
from outreach import selectors
from outreach.services import (
    log_dissemination,
    refusal_message,
    register_result,
    remove_dissemination,
    remove_result,
    update_dissemination,
    update_result,
)
from partners.models import Organisation
from projects import access
from projects.models import Partnership, Project

from ..binding import posted
from ..forms.outreach import DisseminationForm, ResultForm
from .meetings import save_or_show_errors


def visible_project(request, pk: int) -> Project:
    return get_object_or_404(access.visible_projects(request.user), pk=pk)


def writable_organisations(user, project: Project):
    """The partners the reader may write for: all of them for whoever runs the project, their
    own organisations for a partner's contacts, none for the others."""
    partners = Organisation.objects.filter(partnerships__project=project)
    if not access.may_run_project(user, project.pk):
        mine = access.contact_partnerships(user).filter(project=project)
        partners = partners.filter(pk__in=mine.values("organisation_id"))
    return partners.order_by("name").distinct()


def own_partner(user, project: Project) -> int | None:
    """The partner a new row is written for unless the reader picks another: the reader's own
    organisation in the project, else (an officer) the coordinator."""
    for partnerships in (
        access.contact_partnerships(user).filter(project=project),
        project.partnerships.filter(role=Partnership.Role.COORDINATOR),
    ):
        organisation_id = partnerships.values_list("organisation_id", flat=True).first()
        if organisation_id:
            return organisation_id
    return None


def may_change(user, row) -> bool:
    return access.may_record_outreach(user, row.project_id, row.organisation_id)


def refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(refusal_message())


def dissemination_form(request, project, entry=None):
    return DisseminationForm(
        posted(request),
        instance=entry,
        organisations=writable_organisations(request.user, project),
        initial={"organisation": own_partner(request.user, project)},
    )


@login_required
def dissemination(request, pk: int):
    """The log, and the form to add to it (a POST adds)."""
    project = visible_project(request, pk)
    form = dissemination_form(request, project)
    if request.method == "POST":
        refuse_unless(form.fields["organisation"].queryset.exists())
        form.instance.project = project
        if form.is_valid() and save_or_show_errors(
            form,
            lambda: log_dissemination(
                project=project, logged_by=request.user, **dissemination_values(form)
            ),
        ):
            messages.success(request, _("The dissemination is logged."))
            return redirect("project-dissemination", project.pk)
    lines = selectors.dissemination_log(project)
    may_write_for = access.outreach_recorder(request.user, project.pk)
    for line in lines:
        line.may_change = line.entry is not None and may_write_for(line.entry.organisation_id)
    return render(
        request,
        "portal/dissemination.html",
        {
            "project": project,
            "lines": lines,
            "audience_total": selectors.audience_total(lines),
            "form": form if form.fields["organisation"].queryset.exists() else None,
        },
        status=400 if form.errors else 200,
    )


def dissemination_values(form) -> dict:
    return {name: form.cleaned_data[name] for name in DisseminationForm.Meta.fields}


def edit_page(request, project, row, form, save, *, saved: str, back: str):
    """The form of an entry or result the reader may change; a valid POST saves it through
    `save(form)` and goes back to the `back` page."""
    refuse_unless(may_change(request.user, row))
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show_errors(form, lambda: save(form))
    ):
        messages.success(request, saved)
        return redirect(back, project.pk)
    return render(
        request,
        "portal/outreach_form.html",
        {"project": project, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
def dissemination_edit(request, pk: int, entry_pk: int):
    project = visible_project(request, pk)
    entry = get_object_or_404(selectors.entries_of(project.pk), pk=entry_pk)
    return edit_page(
        request,
        project,
        entry,
        dissemination_form(request, project, entry),
        lambda form: update_dissemination(
            entry=entry, changed_by=request.user, **dissemination_values(form)
        ),
        saved=_("The entry is saved."),
        back="project-dissemination",
    )


@login_required
@require_POST
def dissemination_remove(request, pk: int, entry_pk: int):
    project = visible_project(request, pk)
    entry = get_object_or_404(selectors.entries_of(project.pk), pk=entry_pk)
    remove_dissemination(entry=entry, removed_by=request.user)
    messages.success(request, _("“%(title)s” is off the log.") % {"title": entry.title})
    return redirect("project-dissemination", project.pk)


def result_form(request, project, result=None):
    return ResultForm(
        posted(request),
        instance=result,
        organisations=writable_organisations(request.user, project),
        initial={"organisation": own_partner(request.user, project)},
        deliverables=project.deliverables.order_by("code"),
    )


@login_required
def results(request, pk: int):
    """The register, and the form to add to it (a POST adds)."""
    project = visible_project(request, pk)
    form = result_form(request, project)
    if request.method == "POST":
        refuse_unless(form.fields["organisation"].queryset.exists())
        form.instance.project = project
        if form.is_valid() and save_or_show_errors(
            form,
            lambda: register_result(project=project, registered_by=request.user, **form.values()),
        ):
            messages.success(request, _("The result is registered."))
            return redirect("project-results", project.pk)
    rows = list(selectors.results_of(project.pk))
    may_write_for = access.outreach_recorder(request.user, project.pk)
    for row in rows:
        row.may_change = may_write_for(row.organisation_id)
    return render(
        request,
        "portal/results.html",
        {
            "project": project,
            "results": rows,
            "form": form if form.fields["organisation"].queryset.exists() else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def result_edit(request, pk: int, result_pk: int):
    project = visible_project(request, pk)
    result = get_object_or_404(selectors.results_of(project.pk), pk=result_pk)
    return edit_page(
        request,
        project,
        result,
        result_form(request, project, result),
        lambda form: update_result(result=result, changed_by=request.user, **form.values()),
        saved=_("The result is saved."),
        back="project-results",
    )


@login_required
@require_POST
def result_remove(request, pk: int, result_pk: int):
    project = visible_project(request, pk)
    result = get_object_or_404(selectors.results_of(project.pk), pk=result_pk)
    remove_result(result=result, removed_by=request.user)
    messages.success(request, _("“%(title)s” is off the register.") % {"title": result.title})
    return redirect("project-results", project.pk)


@login_required
@require_GET
def results_platform(request, pk: int):
    """Each result laid out with the Erasmus+ Project Results Platform's fields, to copy."""
    project = visible_project(request, pk)
    fields = selectors.platform_fields()
    rows = [selectors.platform_row(result, project) for result in selectors.results_of(pk)]
    return render(
        request,
        "portal/results_platform.html",
        {
            "project": project,
            "fields": fields,
            "rows": [[(label, row[key]) for key, label in fields] for row in rows],
        },
    )


@login_required
@require_GET
def results_platform_csv(request, pk: int):
    project = visible_project(request, pk)
    fields = selectors.platform_fields()
    rows = (
        {label: row[key] for key, label in fields}
        for row in (selectors.platform_row(r, project) for r in selectors.results_of(pk))
    )
    name = f"{project.acronym}-results-{clock.today().isoformat()}.csv"
    return csv_response([label for _key, label in fields], rows, filename=name)
