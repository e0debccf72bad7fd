"""Reading a workbook in the layout of workbooks.layout: its sheets as rows of text, dates and
numbers, each with its row number in the file. Formulas are read as the text they are."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
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


def read_workbook(path) -> dict[str, list[Row]]:
    """{sheet title: rows}; a sheet or a column the layout does not know is refused."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for what is not a workbook
        raise ValidationError(f"This file is not an Excel workbook (.xlsx): {error}") from None
    sheets = {}
    try:
        for sheet in workbook.worksheets:
            if sheet.title == LISTS_SHEET:
                continue  # the template's drop-down values
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
