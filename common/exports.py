"""Lists as spreadsheets: `?format=csv` or `?format=xlsx` on a list of the API answers every row
it would page through, with the same scoping and filters, as a file to download.

CSV is streamed, chunk by chunk of rows, so memory stays flat however many rows there are; the
workbook is written row by row to a temporary file (openpyxl's write-only mode). Text that a
spreadsheet program would run as a formula is written so that it stays text."""

import csv
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiParameter
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rest_framework.exceptions import ValidationError

from common import clock
from common.schema import ApiSchema

FORMAT_PARAMETER = "format"
CSV, XLSX = (
    "text/csv; charset=utf-8",
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)
FORMATS = {"csv": CSV, "xlsx": XLSX}
# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000
# A workbook holds no control character but tab and line breaks; a word processor writes a line
# break typed with Shift+Enter as a vertical tab (or a form feed for a page break).
LINE_BREAKS_OF_WORD_PROCESSORS = re.compile(r"[\x0b\x0c]")
# Excel refuses these in a sheet's name, which may come from an acronym ("EU/NET").
NOT_IN_A_SHEET_NAME = re.compile(r"[\\/*?:\[\]\x00-\x1f]")
# A download's name keeps any letter, but not what would cut it short (a slash, taken for a
# folder) or break the header that carries it (a line break).
NOT_IN_A_FILE_NAME = re.compile(r"[\\/\x00-\x1f\x7f]")


def text(value) -> str | int | float:
    """A value of the JSON list as one cell: lists of ids joined, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(text(item)) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def guarded(value) -> str | int | float:
    """A CSV cell that a spreadsheet program shows as the text it is, never runs: text that
    starts like a formula takes a leading apostrophe, as OWASP advises."""
    if value.__class__ is not str:  # most cells are text: they skip text()'s questions
        value = text(value)
        if not isinstance(value, str):
            return value
    return "'" + value if value[:1] in _TRIGGERS else value


_TRIGGERS = frozenset(FORMULA_TRIGGERS)


class _Line:
    """csv.writer's file: hands back each line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    # Every cell quoted, as OWASP advises: Excel set to a language that separates with
    # semicolons splits a line at those outside quotes, and text after one would become a cell
    # of its own, run as a formula when it starts like one.
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    # A byte order mark, so that Excel reads UTF-8 (Città, Köln, Ş) rather than its code page.
    yield "\ufeff" + writer.writerow(columns)
    for chunk in batched(rows, CHUNK // 10):  # fewer, larger pieces for the server to send
        yield "".join(
            writer.writerow([guarded(row.get(name)) for name in columns]) for row in chunk
        )


def file_name(name: str) -> str:
    """A name to download a file under, made from any text (an acronym, a title)."""
    return NOT_IN_A_FILE_NAME.sub("-", name)


def csv_response(columns: list[str], rows: Iterable[dict], *, filename: str):
    """The rows as a CSV file streamed to download; its name may hold any letter or quote."""
    response = StreamingHttpResponse(csv_lines(columns, rows), content_type=CSV)
    response["Content-Disposition"] = content_disposition_header(True, file_name(filename))
    return response


def xlsx_response(sheets, *, filename: str):
    """The sheets (name, columns, rows) as a workbook to download (see xlsx_file)."""
    return FileResponse(
        xlsx_file(sheets), as_attachment=True, filename=file_name(filename), content_type=XLSX
    )


def sheet_name(title: str) -> str:
    """A sheet's name as Excel takes it: none of its forbidden characters, not quoted, 31
    characters at most."""
    return NOT_IN_A_SHEET_NAME.sub("-", title).strip("'")[:31] or "Sheet"


def write_workbook(sheets: Iterable[tuple[str, list[str], Iterable[dict]]], target) -> None:
    """(title, columns, rows) sheets into a file or path. Every text cell is stored as text,
    so `=…` stays a string and is never a formula."""
    workbook = Workbook(write_only=True)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(sheet_name(title))
        sheet.append(columns)
        for row in rows:
            sheet.append([_cell(sheet, text(row.get(name))) for name in columns])
    workbook.save(target)


def xlsx_file(sheets: Iterable[tuple[str, list[str], Iterable[dict]]]):
    """The workbook in a temporary file, read from its start; the response closes it."""
    stored = tempfile.TemporaryFile()  # noqa: SIM115
    write_workbook(sheets, stored)
    stored.seek(0)
    return stored


def _cell(sheet, value):
    if isinstance(value, str):
        value = workbook_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
    return cell


def workbook_text(value: str) -> str:
    """Text a workbook can hold: a word processor's line break as one, other control
    characters left out (openpyxl refuses the whole file for one of them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", LINE_BREAKS_OF_WORD_PROCESSORS.sub("\n", value))


def batched(rows: Iterable, size: int) -> Iterator[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


class ExportableListSchema(ApiSchema):
    """Lists document their `format` parameter and the CSV and Excel answers beside JSON."""

    def _is_export(self) -> bool:
        return self.method == "GET" and getattr(self.view, "action", None) == "list"

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if not self._is_export():
            return parameters
        return [
            *parameters,
            OpenApiParameter(
                FORMAT_PARAMETER,
                enum=list(FORMATS),
                description=(
                    "Every row of the list (no pages), with the same filters, as a spreadsheet: "
                    "`csv` (UTF-8, streamed) or `xlsx` (Excel)."
                ),
            ),
        ]

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        if self._is_export() and "200" in bodies:
            content = bodies["200"].setdefault("content", {})
            content["text/csv"] = {"schema": {"type": "string"}}
            content[XLSX] = {"schema": {"type": "string", "format": "binary"}}
        return bodies


class ExportableListMixin:
    """`?format=csv|xlsx` on the list. Rows are the JSON list's, less `personal_fields` unless
    the view's `may_export_personal_data()` allows the reader to take them away in a file."""

    schema = ExportableListSchema()
    exportable = True  # common.filters.StrictQueryParameters then knows `format`
    personal_fields: tuple[str, ...] = ()

    def perform_content_negotiation(self, request, force=False):
        # DRF reads `format` as the name of a renderer and answers 404 for any it lacks: here it
        # names a file, and anything refused on the way is answered in JSON.
        force = force or FORMAT_PARAMETER in request.query_params
        return super().perform_content_negotiation(request, force=force)

    def list(self, request, *args, **kwargs):
        if FORMAT_PARAMETER in request.query_params:
            return self.export_list(request)
        return super().list(request, *args, **kwargs)

    def export_list(self, request, queryset=None):
        if self.paginator is not None:
            self.paginator.check_parameters(request)
        queryset = self.filter_queryset(self.get_queryset() if queryset is None else queryset)
        chosen = request.query_params[FORMAT_PARAMETER]
        if chosen not in FORMATS:
            raise ValidationError({FORMAT_PARAMETER: ["Give csv or xlsx."]})
        columns = self.export_columns()
        rows = self.export_rows(queryset)
        name = f"{self.basename}s-{clock.today().isoformat()}.{chosen}"
        if chosen == "csv":
            return csv_response(columns, rows, filename=name)
        return xlsx_response([(self.basename, columns, rows)], filename=name)

    def export_columns(self):
        columns = list(self.get_serializer().fields)
        if self.may_export_personal_data():
            return columns
        return [name for name in columns if name not in self.personal_fields]

    def may_export_personal_data(self) -> bool:
        return False

    def export_rows(self, queryset) -> Iterator[dict]:
        """The serializer's rows, a chunk of rows (and their prefetched relations) at a time."""
        for chunk in batched(queryset.iterator(chunk_size=CHUNK), CHUNK):
            yield from self.get_serializer(chunk, many=True).data
