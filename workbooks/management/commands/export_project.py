from django.core.management.base import BaseCommand, CommandError

from common.exports import write_workbook
from projects.models import Project
from workbooks.layout import project_sheets
from workbooks.template import write_template


class Command(BaseCommand):
    help = (
        "Write a whole project as one Excel workbook, one sheet per table, its rows named by "
        "reference number, codes, OID/PIC or name and country, and e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", nargs="?", help="the project's reference number")
        parser.add_argument("--output", help="the .xlsx file to write")
        parser.add_argument(
            "--template",
            metavar="FILE",
            help="write the import template (an example row, drop-down lists) to FILE instead",
        )

    def handle(self, *args, reference, output, template, **options):
        if template:
            write_template(template)
            self.stdout.write(f"Import template written to {template}.")
            return
        if not (reference and output):
            raise CommandError("Give a project's reference number and --output FILE.xlsx.")
        projects = Project.objects.exclude(reference_number="")
        project = projects.filter(reference_number=reference).first()
        if project is None:
            raise CommandError(f"No project has the reference number {reference}.")
        write_workbook(project_sheets(project), output)
        self.stdout.write(f"{project.acronym} written to {output}.")
