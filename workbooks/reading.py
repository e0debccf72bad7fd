"""Reading a workbook in the layout of workbooks.layout: its sheets as rows of text, dates and
numbers, each with its row number in the file. Formulas are read as the text they are."""

import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from itertools import zip_longest

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .layout import LIST_SEPARATOR, LISTS_SHEET, SHEETS


@dataclass
class Row:
    number: int  # as the spreadsheet program numbers it: the header is row 1
    values: dict

    def text(self, name: str) -> str:
        value = self.values.get(name)
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def keys(self, name: str) -> list[str]:
        return [key.strip() for key in self.text(name).split(LIST_SEPARATOR.strip()) if key.strip()]


def cells_of(header: list[str], line) -> dict:
    """{column: value} of a row, every column of the header in it: a row that ends early (a
    spreadsheet or CSV file leaves its empty last cells out) has those cells empty, never
    missing, since a column a sheet leaves out keeps what is stored."""
    return {name: value for name, value in zip_longest(header, line) if name}


def refuse_repeated_columns(header: list[str]) -> None:
    """A column named twice would have its second values silently replace the first's."""
    seen = set()
    for name in header:
        if name and name in seen:
            raise ValidationError(
                _("The column “%(column)s” is named twice in the first row: keep one of them.")
                % {"column": name}
            )
        seen.add(name)


def check_size(size: int) -> None:
    """Refuse a workbook larger than IMPORT_MAX_BYTES, before anything reads it."""
    if size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a workbook may be %(limit)s at most.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
        )


def size_of(source) -> int:
    """The size of a path or of an open binary file."""
    if hasattr(source, "seek"):
        size = source.seek(0, os.SEEK_END)
        source.seek(0)
        return size
    try:
        return os.path.getsize(source)
    except OSError as error:
        raise ValidationError(
            _("This file cannot be read: %(reason)s.") % {"reason": error.strerror}
        ) from None


def damaged() -> ValidationError:
    return ValidationError(
        _(
            "This file is not an Excel workbook (.xlsx), or it is damaged or protected by "
            "a password: save it again as .xlsx without a password."
        )
    )


def read_workbook(path) -> dict[str, list[Row]]:
    """{sheet title: rows}; a sheet or a column the layout does not know is refused.

    `path` is a file name or an open binary file."""
    check_size(size_of(path))
    check_container(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for what is not a workbook
        raise damaged() from None
    try:
        sheets = read_sheets(workbook)
    except ValidationError:
        raise
    except Exception:  # a sheet's part cut short or missing is found only as it is read
        raise damaged() from None
    finally:
        workbook.close()
    if not any(sheets.values()):
        raise ValidationError(
            _(
                "This workbook holds no rows to import: fill in the sheets below their first "
                "row (the column names), as the template shows."
            )
        )
    return sheets


def read_sheets(workbook) -> dict[str, list[Row]]:
    sheets = {}
    for sheet in workbook.worksheets:
        if sheet.title == LISTS_SHEET:
            continue  # the template's drop-down values
        if sheet.title not in SHEETS:
            raise ValidationError(
                _("Unknown sheet “%(sheet)s”; the sheets are: %(sheets)s.")
                % {"sheet": sheet.title, "sheets": ", ".join(SHEETS)}
            )
        lines = sheet.iter_rows(values_only=True)
        header = [str(name).strip() if name is not None else "" for name in next(lines, [])]
        refuse_repeated_columns(header)
        unknown = [name for name in header if name and name not in SHEETS[sheet.title]]
        if unknown:
            raise ValidationError(
                _("Sheet “%(sheet)s”: unknown columns %(unknown)s; the columns are: %(columns)s.")
                % {
                    "sheet": sheet.title,
                    "unknown": ", ".join(unknown),
                    "columns": ", ".join(SHEETS[sheet.title]),
                }
            )
        rows = []
        for number, line in enumerate(lines, start=2):
            if number - 1 > settings.IMPORT_MAX_ROWS:
                raise ValidationError(
                    _(
                        "Sheet “%(sheet)s” has more than %(limit)s rows, the most one import "
                        "reads: split it into several workbooks."
                    )
                    % {"sheet": sheet.title, "limit": f"{settings.IMPORT_MAX_ROWS:,}"}
                )
            values = cells_of(header, line)
            if any(value not in (None, "") for value in values.values()):
                rows.append(Row(number, values))
        sheets[sheet.title] = rows
    return sheets


# An Office file under a password is not a zip but an OLE compound file holding the
# encrypted workbook; an old .xls is one too.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def check_container(path) -> None:
    """Refuse, before openpyxl unpacks anything, a workbook under a password, an old .xls,
    and a zip that would unpack to more than IMPORT_MAX_UNPACKED_BYTES (a zip bomb)."""
    content = read_bytes(path)
    if content.startswith(OLE_SIGNATURE):
        if ENCRYPTED_PACKAGE in content:
            raise ValidationError(
                _(
                    "This workbook is protected by a password: open it, remove the password "
                    "(in Excel: File › Info › Protect Workbook › Encrypt with Password, left "
                    "empty), save it and import it again."
                )
            )
        raise ValidationError(
            _("This is an old Excel workbook (.xls): save it as an Excel workbook (.xlsx).")
        )
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return  # openpyxl says it is no workbook, in the same words as any other such file
    unpacked = sum(member.file_size for member in members)
    # openpyxl holds every distinct text of the workbook in memory at once, several times
    # the size of its part: a few kilobytes of zip can hold millions of one-letter texts.
    text = sum(m.file_size for m in members if m.filename.lower() == "xl/sharedstrings.xml")
    if text > settings.IMPORT_MAX_TEXT_BYTES:
        raise ValidationError(
            _(
                "This workbook holds %(size)s MB of text, more than the %(limit)s MB one import "
                "reads: split it into several workbooks."
            )
            % {
                "size": f"{text / 2**20:,.1f}",
                "limit": f"{settings.IMPORT_MAX_TEXT_BYTES // 2**20:,}",
            }
        )
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "This workbook unpacks to %(size)s MB, more than the %(limit)s MB one import "
                "reads: split it into several workbooks."
            )
            % {
                "size": f"{unpacked // 2**20:,}",
                "limit": f"{settings.IMPORT_MAX_UNPACKED_BYTES // 2**20:,}",
            }
        )


def read_bytes(path) -> bytes:
    """The content of a path or of an open binary file (left at its start)."""
    if hasattr(path, "read"):  # an uploaded file: read, then put back at its start
        path.seek(0)
        content = path.read()
        path.seek(0)
        return content
    try:
        with open(path, "rb") as stored:
            return stored.read()
    except OSError as error:
        raise ValidationError(
            _("This file cannot be read: %(reason)s.") % {"reason": error.strerror}
        ) from None
