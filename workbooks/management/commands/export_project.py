from django.core.management.base import BaseCommand, CommandError

from common.exports import write_workbook
from projects.models import Project
from workbooks.layout import project_sheets


class Command(BaseCommand):
    help = (
        "Write a whole project as one Excel workbook, one sheet per table, its rows named by "
        "reference number, codes, OID/PIC or name and country, and e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="the project's reference number")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, reference, output, **options):
        projects = Project.objects.exclude(reference_number="")
        project = projects.filter(reference_number=reference).first()
        if project is None:
            raise CommandError(f"No project has the reference number {reference}.")
        write_workbook(project_sheets(project), output)
        self.stdout.write(f"{project.acronym} written to {output}.")
