"""Reading a CSV file as one table of the layout: the table is the one whose columns its header
row names. UTF-8 with or without a byte order mark; the delimiter a comma or, as Excel writes in
French or German, a semicolon, told apart by the header row (no column name holds either)."""

import csv
from io import StringIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .layout import SHEETS
from .reading import Row, cells_of, check_size, read_bytes, refuse_repeated_columns


def read_csv(path) -> dict[str, list[Row]]:
    """{the table's title: rows}, like read_workbook for a workbook of one sheet."""
    content = read_bytes(path)
    check_size(len(content))
    try:
        text = content.decode("utf-8-sig")  # the byte order mark, if any, is not a column
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "This CSV file is not in UTF-8: save it again as “CSV UTF-8” (in Excel: "
                "File › Save As › CSV UTF-8)."
            )
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = csv.reader(StringIO(text, newline=""), delimiter=delimiter)
    try:
        return read_table(lines)
    except csv.Error:
        raise ValidationError(
            _(
                "Row %(row)s of this CSV file cannot be read: a cell longer than %(limit)s "
                "characters, or a quote that does not close."
            )
            % {"row": lines.line_num, "limit": f"{csv.field_size_limit():,}"}
        ) from None


def read_table(lines) -> dict[str, list[Row]]:
    header = [name.strip() for name in next(lines, [])]
    refuse_repeated_columns(header)
    title = table_of(header)
    rows = []
    for number, line in enumerate(lines, start=2):
        if number - 1 > settings.IMPORT_MAX_ROWS:
            raise ValidationError(
                _(
                    "This CSV file has more than %(limit)s rows, the most one import reads: "
                    "split it into several files."
                )
                % {"limit": f"{settings.IMPORT_MAX_ROWS:,}"}
            )
        values = cells_of(header, line)
        if any((value or "").strip() for value in values.values()):
            rows.append(Row(number, values))
    return {title: rows}


def table_of(header: list[str]) -> str:
    """The table whose columns the header names; refused when none or several fit."""
    named = {name for name in header if name}
    fitting = [title for title, columns in SHEETS.items() if named and named <= set(columns)]
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        raise ValidationError(
            _(
                "The columns of this CSV file fit several tables (%(tables)s): add the column "
                "that tells them apart, e.g. from the import template."
            )
            % {"tables": ", ".join(fitting)}
        )
    expected = "; ".join(f"{title}: {', '.join(columns)}" for title, columns in SHEETS.items())
    raise ValidationError(
        _(
            "The first row of a CSV file names the columns of one table, as in the import "
            "template; this one's (%(header)s) fit none. The tables are — %(expected)s."
        )
        % {"header": ", ".join(header) or "—", "expected": expected}
    )
