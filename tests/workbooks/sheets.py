"""A workbook of a few sheets, written in memory, imported into the world's own project."""

from io import BytesIO

from openpyxl import Workbook

from workbooks.importing import import_workbook


def import_sheets(world, sheets: dict[str, list[list]], *, dry_run=False):
    """Import {sheet title: [header, *rows]} into world.own.project; its report."""
    book = Workbook()
    book.remove(book.active)
    for title, lines in sheets.items():
        sheet = book.create_sheet(title)
        for line in lines:
            sheet.append(list(line))
    content = BytesIO()
    book.save(content)
    content.seek(0)
    return import_workbook(
        path=content,
        name="sheets.xlsx",
        reference=world.own.project.reference_number,
        dry_run=dry_run,
    )
