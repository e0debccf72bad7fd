"""Reads of a project's dissemination log and results register, for the pages, the API and
the Results Platform copy alike."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.languages import SPOKEN_LANGUAGES
from newsletters.models import NewsletterIssue

from .models import DisseminationEntry, Result

Channel = DisseminationEntry.Channel


@dataclass
class LogLine:
    """One line of the log: an entry typed in, or a sent newsletter issue (read-only)."""

    date: date
    title: str
    place: str
    channel: str
    audience: int | None
    link: str = ""
    organisation: object = None
    notes: str = ""
    entry: DisseminationEntry | None = None
    issue: NewsletterIssue | None = None

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)

    @property
    def is_derived(self) -> bool:
        return self.entry is None


def entries_of(project_id: int):
    return (
        DisseminationEntry.objects.filter(project_id=project_id)
        .select_related("organisation")
        .order_by("-date", "-id")
    )


def newsletter_issues_about(project) -> list[NewsletterIssue]:
    """The sent issues that carried an item about the project.

    An issue's items are the sections of what went out (the editor's version when there is one):
    a launch or progress item is a heading naming the project's acronym ("# Progress of the
    Erasmus+ project DIMESCA"). Read from the issue every time, never copied into the log, so an
    issue published later, or edited before it went out, is counted as it stands.
    """
    acronym = project.acronym
    mentions = Q(edited_content__contains=acronym) | Q(
        edited_content="", generated_content__contains=acronym
    )
    issues = NewsletterIssue.objects.filter(
        mentions, status=NewsletterIssue.Status.PUBLISHED, published_at__isnull=False
    ).order_by("-published_at", "-id")
    heading = re.compile(rf"^#+[^\n]*(?<!\w){re.escape(acronym)}(?!\w)", re.MULTILINE)
    return [issue for issue in issues if heading.search(issue.content)]


def issue_line(issue: NewsletterIssue) -> LogLine:
    language = SPOKEN_LANGUAGES.get(issue.language, issue.language)
    return LogLine(
        date=timezone.localdate(issue.published_at),
        title=_("Network newsletter, %(first)s – %(last)s")
        % {"first": issue.period_start.isoformat(), "last": issue.period_end.isoformat()},
        place=_("Newsletter subscribers (%(language)s)") % {"language": language},
        channel=Channel.NEWSLETTER,
        audience=issue.sent_count or None,  # not known for an issue sent before counting
        issue=issue,
    )


def dissemination_log(project) -> list[LogLine]:
    """The project's log, newest first: its entries and the sent newsletter issues about it,
    in two queries."""
    lines = [
        LogLine(
            date=entry.date,
            title=entry.title,
            place=entry.place,
            channel=entry.channel,
            audience=entry.audience,
            link=entry.link,
            organisation=entry.organisation,
            notes=entry.notes,
            entry=entry,
        )
        for entry in entries_of(project.pk)
    ]
    lines += [issue_line(issue) for issue in newsletter_issues_about(project)]
    return sorted(lines, key=lambda line: line.date, reverse=True)


def audience_total(lines: list[LogLine]) -> int:
    return sum(line.audience or 0 for line in lines)


def results_of(project_id: int):
    return (
        Result.objects.filter(project_id=project_id)
        .select_related("organisation", "deliverable")
        .order_by("title", "id")
    )


def platform_fields() -> list[tuple[str, str]]:
    """The Erasmus+ Project Results Platform's fields for a result, in its order."""
    return [
        ("project", _("Project")),
        ("title", _("Result title")),
        ("description", _("Description")),
        ("type", _("Result type")),
        ("languages", _("Languages")),
        ("licence", _("Licence")),
        ("link", _("Link")),
        ("partner", _("Partner")),
        ("deliverable", _("Deliverable")),
    ]


def platform_row(result: Result, project) -> dict[str, str]:
    deliverable = result.deliverable
    return {
        "project": f"{project.acronym} {project.reference_number}".strip(),
        "title": result.title,
        "description": result.description,
        "type": deliverable.get_kind_display() if deliverable else "",
        "languages": ", ".join(result.language_names),
        "licence": result.get_licence_display(),
        "link": result.link,
        "partner": result.organisation.name,
        "deliverable": f"{deliverable.code} {deliverable.title}" if deliverable else "",
    }
