"""Importing a workbook from the pages: upload, preview (nothing written), confirm (all or
nothing).

Officers import into any project or create one from a workbook; a project's coordinator imports
into their own project. Others who see the project are told why (403); a project one may not
see answers 404. Between the preview and the confirmation the file waits in the shared cache
under a random key bound to the user and the project, for a short time, never in the session.
"""

import secrets
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from projects import access
from projects.models import Project
from workbooks.importing import import_workbook

from ..binding import posted, posted_files
from ..decorators import officer_required
from ..forms.imports import ImportConfirmForm, WorkbookUploadForm

KEPT_SECONDS = 30 * 60  # time to read the preview and confirm


def importable_project(request, pk: int) -> Project:
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    if not access.may_run_project(request.user, project.pk):
        raise PermissionDenied(_("Only project officers and the project's coordinator import."))
    return project


@login_required
def project_import(request, pk: int):
    return import_page(request, importable_project(request, pk))


@officer_required
def new_project_import(request):
    return import_page(request, None)


def cache_key(key: str) -> str:
    return f"workbook-import:{key}"


def keep(request, project: Project | None, upload, report) -> str:
    key = secrets.token_urlsafe(24)
    cache.set(
        cache_key(key),
        {
            "user": request.user.pk,
            "project": project.pk if project else None,
            "name": upload.name,
            "content": upload.read(),
            "outcome": outcome_of(report),
        },
        KEPT_SECONDS,
    )
    return key


def outcome_of(report) -> dict:
    """Which rows of each sheet the import creates, updates and leaves: what the user saw and
    confirms, compared again when the import is confirmed."""
    return {
        title: (sheet.created, sheet.updated, sheet.unchanged)
        for title, sheet in report.sheets.items()
    }


def kept(request, project: Project | None, key: str) -> dict | None:
    """The file kept under `key`, if it is still there and this user uploaded it for this page."""
    entry = cache.get(cache_key(key))
    if not entry or entry["user"] != request.user.pk:
        return None
    if entry["project"] != (project.pk if project else None):
        return None
    return entry


def run(request, project: Project | None, content: bytes, name: str, *, dry_run: bool):
    return import_workbook(
        path=BytesIO(content),
        name=name,
        into=project,
        dry_run=dry_run,
        user=request.user,
    )


def import_page(request, project: Project | None):
    context = {"project": project}
    if request.method == "POST" and "key" in request.POST:
        return confirm(request, project, context)
    form = WorkbookUploadForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        content = upload.read()
        upload.seek(0)
        try:
            report = run(request, project, content, upload.name, dry_run=True)
        except ValidationError as refusal:
            form.add_error("workbook", refusal.messages)
        else:
            key = keep(request, project, upload, report)
            return preview(request, context, report, upload.name, key)
    return upload_page(request, context, form)


def upload_page(request, context, form):
    return render(
        request,
        "portal/import_upload.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


def preview(request, context, report, name, key, status=200):
    return render(
        request,
        "portal/import_preview.html",
        {
            **context,
            "report": report,
            "sheets": list(report.sheets.items()),
            "name": name,
            "confirm_form": ImportConfirmForm(initial={"key": key}),
        },
        status=status,
    )


def confirm(request, project, context):
    form = ImportConfirmForm(request.POST)
    entry = kept(request, project, request.POST.get("key", "")) if form.is_valid() else None
    if entry is None:
        return refused_upload(
            request,
            context,
            [_("This preview has expired or is not yours: choose the workbook again.")],
        )
    key = form.cleaned_data["key"]
    try:
        with transaction.atomic():
            report = run(request, project, entry["content"], entry["name"], dry_run=False)
            # Someone changed the project since the preview (added a row it was to create,
            # say): the user confirmed another import than this one, which is not kept.
            changed = report.written and outcome_of(report) != entry["outcome"]
            if changed:
                transaction.set_rollback(True)
    except ValidationError as refusal:  # read once already; a lowered limit may refuse it now
        return refused_upload(request, context, refusal.messages)
    if changed:
        cache.set(cache_key(key), {**entry, "outcome": outcome_of(report)}, KEPT_SECONDS)
        report.written = False
        context = {**context, "changed_since": True}
        return preview(request, context, report, entry["name"], key, status=409)
    if not report.written:  # the database changed since the preview: show what now refuses
        return preview(request, context, report, entry["name"], key, status=400)
    cache.delete(cache_key(key))
    messages.success(request, _("%(acronym)s is imported.") % {"acronym": report.project.acronym})
    if report.budget_mismatch:
        messages.warning(request, report.budget_mismatch)
    return redirect("project-detail", pk=report.project.pk)


def refused_upload(request, context, refusals: list[str]):
    """The upload form again, with why the file must be chosen anew beside its field."""
    form = WorkbookUploadForm(data={}, files={})
    form.errors["workbook"] = form.error_class(refusals)  # in place of "This field is required."
    return upload_page(request, context, form)
