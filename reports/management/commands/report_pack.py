from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from common import clock
from projects.models import Project
from reports.making import FORMATS, make_report_pack
from reports.periods import FINAL, PERIODS


class Command(BaseCommand):
    help = (
        "Write a project's report pack for the interim or final report, as a PDF to attach or "
        "an Excel workbook (one sheet per part): the work plan planned and done, the activities "
        "with their participants and evidence, the budget earned and at risk, the dissemination "
        "and the results."
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="the project's reference number")
        parser.add_argument("--format", required=True, help="pdf or xlsx")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, help="the report's language (en, fr…)"
        )
        parser.add_argument("--period", default=FINAL, help="interim or final (the default)")
        parser.add_argument(
            "--without-personal-data",
            action="store_true",
            help="counts only, no participant's name: the pack a partner may download",
        )

    def handle(self, *args, project, format, output, lang, period, **options):
        if format not in FORMATS:
            raise CommandError(f"Unknown format {format!r}: give pdf or xlsx.")
        if period not in PERIODS:
            raise CommandError(f"Unknown period {period!r}: give interim or final.")
        found = Project.objects.filter(reference_number=project).exclude(reference_number="")
        found = found.first()
        if found is None:
            raise CommandError(f"No project has the reference number {project!r}.")
        try:
            content = make_report_pack(
                project=found,
                file_format=format,
                language=lang,
                today=clock.today(),
                period=period,
                with_personal_data=not options["without_personal_data"],
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        with open(output, "wb") as target:
            target.write(content)
        self.stdout.write(f"The {period} report pack of {found.acronym} is written to {output}.")
