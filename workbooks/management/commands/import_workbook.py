"""The import from the command line. It runs as the installation's operator, with no user:
whoever may run it reads the database anyway, so every organisation and person is found by its
key and every sheet may be written (workbooks.importing.import_workbook with user None)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from workbooks.importing import import_workbook


class Command(BaseCommand):
    help = (
        "Read a project's workbook (the layout export_project writes), or a CSV file of one of "
        "its tables: show per sheet the rows to create, update, leave unchanged or refuse, then "
        "write them all, or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx workbook, or a .csv file of one table")
        parser.add_argument(
            "--project",
            help=(
                "refuse the workbook unless it is this project; the project a CSV file of "
                "another table than the project goes into"
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help="show, write nothing")
        parser.add_argument(
            "--lang",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="read dates in this language's formats (31/12/2026 in fr) and refuse in it",
        )

    def handle(self, *args, path, project, dry_run, lang, **options):
        with translation.override(lang):
            self.import_file(path, project, dry_run)

    def import_file(self, path, project, dry_run) -> None:
        try:
            report = import_workbook(path=path, reference=project, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for title, sheet in report.sheets.items():
            self.stdout.write(
                _(
                    "%(sheet)s: %(created)s to create, %(updated)s to update, %(unchanged)s "
                    "unchanged, %(refused)s refused"
                )
                % {
                    "sheet": title,
                    "created": len(sheet.created),
                    "updated": len(sheet.updated),
                    "unchanged": len(sheet.unchanged),
                    "refused": len(sheet.refused),
                }
            )
            for number, column, message in sheet.refused:
                self.stdout.write(
                    "  "
                    + _("row %(row)s, %(column)s: %(message)s")
                    % {"row": number, "column": column or _("row"), "message": message}
                )
        if report.refused:
            raise CommandError(_("Nothing was written: correct the refused rows and import again."))
        if report.budget_mismatch:
            self.stdout.write(report.budget_mismatch)
        self.stdout.write(_("Written.") if report.written else _("Dry run: nothing was written."))
