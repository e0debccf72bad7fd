"""The pages' tables as spreadsheets: any table's sheet (portal.sheets) with the page's scoping
and filters, in the reader's language, as CSV or Excel (common.exports writes both).

Each place holds a table of the sheets it offers; who may see the place is checked as on its
page: a project or a meeting one may not see answers 404, the dashboard and the people are for
officers (403)."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import translation

from common import clock
from common.exports import XLSX, csv_response, xlsx_file, xlsx_response
from projects import access
from workbooks import layout
from workbooks.template import write_template

from ..decorators import officer_required
from ..sheets import meetings as meeting_sheets
from ..sheets import my_work, overview
from ..sheets import projects as project_sheets
from .imports import importable_project
from .meetings import visible_meeting

PROJECT_TABLES = {
    "deliverables": project_sheets.project_deliverables,
    "partners": project_sheets.partners,
    "objectives": project_sheets.objectives,
    "meetings": project_sheets.meetings,
    "action-items": project_sheets.project_action_items,
    "work-packages": project_sheets.work_packages,
    "work-plan": project_sheets.work_plan,
}
MEETING_TABLES = {
    "participants": meeting_sheets.participants,
    "action-items": meeting_sheets.action_items,
}
MY_WORK_TABLES = {
    "deliverables": my_work.my_work_deliverables,
    "awaiting-review": my_work.awaiting_review,
    "action-items": my_work.my_action_items_sheet,
    "meetings": my_work.my_meetings,
}
DASHBOARD_TABLES = {
    "projects": overview.dashboard_projects,
    "deadlines": overview.deadlines,
    "late": overview.late,
    "status-changes": overview.status_changes,
    "newsletters": overview.newsletters,
}


def in_language(rows, language: str):
    """Rows written while the response streams, after the request's language is gone."""
    with translation.override(language):
        yield from rows


def download(sheet, *, name: str, fmt: str):
    columns, rows = sheet
    rows = in_language(rows, translation.get_language())
    filename = f"{name}-{clock.today().isoformat()}.{fmt}"
    if fmt == "csv":
        return csv_response(columns, rows, filename=filename)
    if fmt == "xlsx":
        return xlsx_response([(name, columns, rows)], filename=filename)
    raise Http404


def table_of(tables: dict, table: str, fmt: str):
    """The table's sheet builder; an unknown table or format answers 404 before any read."""
    if table not in tables or fmt not in ("csv", "xlsx"):
        raise Http404
    return tables[table]


@login_required
def project_table(request, pk: int, table: str, fmt: str):
    build = table_of(PROJECT_TABLES, table, fmt)
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    return download(build(request, project), name=f"{project.acronym}-{table}", fmt=fmt)


@login_required
def meeting_table(request, pk: int, table: str, fmt: str):
    build = table_of(MEETING_TABLES, table, fmt)
    meeting = visible_meeting(request, pk)
    return download(build(request, meeting), name=f"meeting-{meeting.pk}-{table}", fmt=fmt)


@login_required
def my_work_table(request, table: str, fmt: str):
    build = table_of(MY_WORK_TABLES, table, fmt)
    return download(build(request), name=f"my-{table}", fmt=fmt)


@officer_required
def dashboard_table(request, table: str, fmt: str):
    build = table_of(DASHBOARD_TABLES, table, fmt)
    return download(build(request), name=table, fmt=fmt)


@login_required
def project_list_table(request, fmt: str):
    build = table_of({"projects": overview.my_projects}, "projects", fmt)
    return download(build(request), name="projects", fmt=fmt)


@officer_required
def people_table(request, fmt: str):
    build = table_of({"people": overview.people}, "people", fmt)
    return download(build(request), name="people", fmt=fmt)


@login_required
def import_template(request):
    """The import template: one sheet per table, an example row, drop-down lists."""
    stored = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    write_template(stored)
    stored.seek(0)
    return FileResponse(
        stored, as_attachment=True, filename="import-template.xlsx", content_type=XLSX
    )


@login_required
def project_workbook(request, pk: int):
    """The project as it stands, in the layout its import reads back (workbooks.layout), for
    whoever may import into it, to change and import again. People are named by their e-mail
    addresses only for those who may take addresses away in a file; the others' workbook
    leaves the people and those columns out, which its import then keeps as stored."""
    project = importable_project(request, pk)
    if access.may_export_personal_data(request.user):
        sheets = layout.project_sheets(project)
    else:
        # Nor the organisations they may not see (a meeting's host recorded before hosts had
        # to be partners).
        seen = access.visible_organisations(request.user)
        sheets = layout.without_addresses(layout.project_sheets(project, organisations_seen=seen))
    return FileResponse(
        xlsx_file(sheets),
        as_attachment=True,
        filename=f"{project.acronym}-{clock.today().isoformat()}.xlsx",
        content_type=XLSX,
    )
