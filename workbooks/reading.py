"""Reading a workbook in the layout of workbooks.layout: its sheets as rows of text, dates and
numbers, each with its row number in the file. Formulas are read as the text they are."""

import os
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .layout import LIST_SEPARATOR, SHEETS


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
    return os.path.getsize(source)


def read_workbook(path) -> dict[str, list[Row]]:
    """{sheet title: rows}; a sheet or a column the layout does not know is refused.

    `path` is a file name or an open binary file."""
    check_size(size_of(path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for what is not a workbook
        raise ValidationError(
            _(
                "This file is not an Excel workbook (.xlsx), or it is damaged or protected by "
                "a password: save it again as .xlsx without a password."
            )
        ) from None
    sheets = {}
    try:
        for sheet in workbook.worksheets:
            if sheet.title not in SHEETS:
                raise ValidationError(
                    f"Unknown sheet “{sheet.title}”; the sheets are: {', '.join(SHEETS)}."
                )
            lines = sheet.iter_rows(values_only=True)
            header = [str(name).strip() if name is not None else "" for name in next(lines, [])]
            unknown = [name for name in header if name and name not in SHEETS[sheet.title]]
            if unknown:
                raise ValidationError(
                    f"Sheet “{sheet.title}”: unknown columns {', '.join(unknown)}; the columns "
                    f"are: {', '.join(SHEETS[sheet.title])}."
                )
            rows = []
            for number, line in enumerate(lines, start=2):
                values = {name: value for name, value in zip(header, line, strict=False) if name}
                if any(value not in (None, "") for value in values.values()):
                    rows.append(Row(number, values))
            sheets[sheet.title] = rows
    finally:
        workbook.close()
    return sheets
