"""The pages' tables as spreadsheets: the rows the table shows, with its filters, in the
reader's language, as CSV or Excel (common.exports writes both)."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from common import clock
from common.exports import CSV, XLSX, csv_lines, xlsx_file
from projects import access
from workbooks.template import write_template

from ..selectors import my_deliverables
from .projects import deliverable_filters


def deliverable_sheet(deliverables, *, today, acronym=None) -> tuple[list[str], list[dict]]:
    """(header, rows) of deliverables as the pages show them."""
    names = {
        "project": _("Project"), "code": _("Code"), "title": _("Deliverable"),
        "work_package": _("Work package"), "lead": _("Lead"), "due_date": _("Due"),
        "status": _("Status"),
    }  # fmt: skip
    rows = (
        {
            names["project"]: acronym or d.project.acronym,
            names["code"]: d.code,
            names["title"]: d.title,
            names["work_package"]: d.work_package.code if d.work_package_id else "",
            names["lead"]: d.lead_organisation.short_name,
            names["due_date"]: d.due_date.isoformat(),
            # As the page shows it: "In progress · late".
            names["status"]: " · ".join(
                [str(d.get_status_display())] + ([_("late")] if d.is_late(today) else [])
            ),
        }
        for d in deliverables
    )
    return list(names.values()), rows


def in_language(rows, language: str):
    """Rows written while the response streams, after the request's language is gone."""
    with translation.override(language):
        yield from rows


def download(sheet, *, name: str, fmt: str):
    columns, rows = sheet
    rows = in_language(rows, translation.get_language())
    filename = f"{name}-{clock.today().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(columns, rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if fmt == "xlsx":
        stored = xlsx_file([(name, columns, rows)])
        return FileResponse(stored, as_attachment=True, filename=filename, content_type=XLSX)
    raise Http404


@login_required
def project_deliverables(request, pk: int, fmt: str):
    """The project page's deliverables, filtered as the page is. Others' projects answer 404."""
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    filters = deliverable_filters(request, project)
    deliverables = filters.qs if filters.is_valid() else filters.queryset
    sheet = deliverable_sheet(deliverables, today=clock.today(), acronym=project.acronym)
    return download(sheet, name=f"{project.acronym}-deliverables", fmt=fmt)


@login_required
def my_work_deliverables(request, fmt: str):
    """My work's deliverables: what my organisations lead or contribute to."""
    today = clock.today()
    sheet = deliverable_sheet(my_deliverables(request.user, today=today), today=today)
    return download(sheet, name="my-deliverables", fmt=fmt)


@login_required
def import_template(request):
    """The import template: one sheet per table, an example row, drop-down lists."""
    stored = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    write_template(stored)
    stored.seek(0)
    return FileResponse(
        stored, as_attachment=True, filename="import-template.xlsx", content_type=XLSX
    )
