from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsletters.content_gaps import describe_gaps, gap_notes
from newsletters.exports import FORMATS, export_issue
from newsletters.models import NewsletterIssue
from newsletters.services import draft_newsletter, save_draft


def parse_day(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Draft the newsletter's agenda and project news for a period, as Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--lang", default="en", help="en or fr (default en).")
        parser.add_argument("--format", default="md", help="md (Markdown), html or pdf.")
        parser.add_argument("--output", help="Write to this file instead of printing.")
        parser.add_argument("--save", action="store_true", help="Store it as a newsletter issue.")

    def handle(self, *args, **options):
        first = parse_day("--from", options["first"])
        last = parse_day("--to", options["last"])
        if options["format"] not in FORMATS:
            raise CommandError(f"Unknown format {options['format']!r}; use md, html or pdf.")
        if options["format"] == "pdf" and not options["output"]:
            raise CommandError("A PDF goes to a file: add --output newsletter.pdf.")
        try:
            if options["save"]:
                issue = save_draft(first=first, last=last, language=options["lang"])
                text, gaps = issue.generated_content, describe_gaps(issue.gap_notes)
            else:
                text, facts = draft_newsletter(first=first, last=last, language=options["lang"])
                gaps = describe_gaps(gap_notes(facts, options["lang"]))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        draft = NewsletterIssue(
            period_start=first, period_end=last, language=options["lang"], generated_content=text
        )
        content, _content_type = export_issue(draft, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(content)
        else:
            self.stdout.write(content.decode())
        for gap in gaps:
            self.stderr.write(f"Gap: {gap}")
