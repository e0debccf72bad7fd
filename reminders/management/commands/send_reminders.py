from datetime import date

from django.core.management.base import BaseCommand, CommandError

from common import clock
from common.languages import mail_language
from reminders.services import run_reminders


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2018-11-23."
        ) from None


class Command(BaseCommand):
    help = "Send the deadline reminders of a day (today by default), one e-mail per person."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to remind for, as YYYY-MM-DD.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent; record and send nothing.",
        )

    def handle(self, *args, **options):
        day = parse_day(options["date"]) if options["date"] else clock.today()
        report = run_reminders(day=day, dry_run=options["dry_run"], summaries=True)
        heading = "Would send" if report.dry_run else "Reminders"
        self.stdout.write(f"{heading} for {day:%Y-%m-%d}: {len(report.outcomes)} e-mail(s).")
        for outcome in report.outcomes:
            person = outcome.digest.recipient
            address = person.email or "no e-mail address"
            self.stdout.write(
                f"  {person.full_name} <{address}> ({mail_language(person.preferred_language)}): "
                f"{outcome.status}, {len(outcome.summary)} reminder(s)"
                + (f" – {outcome.error}" if outcome.error else "")
            )
            for line in outcome.summary:
                self.stdout.write(f"    {line}")
        for gap in report.gaps:
            self.stdout.write(self.style.WARNING(f"  Gap: {gap}"))
