from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common import clock
from common.labels import day_text
from projects import access

from .content_gaps import describe_gaps, gap_notes
from .grammar import french_spacing
from .models import NewsletterIssue
from .selectors import NewsletterFacts, newsletter_facts

LANGUAGES = NewsletterIssue.Language.values


def check_period(first: date, last: date, language: str) -> None:
    if last < first:
        raise ValidationError(
            _("The period ends (%(last)s) before it starts (%(first)s).")
            % {"last": day_text(last), "first": day_text(first)}
        )
    if language not in LANGUAGES:
        # A catalogue added for the pages does not teach the newsletter its grammar.
        written = ", ".join(f"{label} ({code})" for code, label in NewsletterIssue.Language.choices)
        raise ValidationError(
            _("The newsletter is written in %(written)s only, not “%(language)s”.")
            % {"written": written, "language": language}
        )


def draft_newsletter(
    *, first: date, last: date, language: str, today: date | None = None
) -> tuple[str, NewsletterFacts]:
    """The Markdown draft of a period's agenda and project news, as known on `today` (the
    clock's when not given), and the facts behind it."""
    check_period(first, last, language)
    facts = newsletter_facts(first, last, today=today or clock.today())
    return write_newsletter(facts, language), facts


def write_newsletter(facts: NewsletterFacts, language: str) -> str:
    """The facts as the newsletter's Markdown in `language`, its typography included."""
    with translation.override(language):
        text = tidy(render_to_string("newsletters/newsletter.md", {"facts": facts}))
    return french_spacing(text) if language == "fr" else text


def tidy(text: str) -> str:
    """Collapse the blank lines the template leaves behind, as an editor would."""
    lines, blank = [], False
    for line in text.strip().splitlines():
        if line.strip():
            lines.append(line.rstrip())
            blank = False
        elif not blank:
            lines.append("")
            blank = True
    return "\n".join(lines) + "\n"


def save_draft(
    *,
    first: date,
    last: date,
    language: str,
    confirm: bool = False,
    drafted_by=None,
    today: date | None = None,
) -> NewsletterIssue:
    """Store the period's draft as an issue, once per period and language.

    The editor's version is never touched. An approved or published issue is redrafted only
    when `confirm` is given; it then goes back to draft, to be approved again. `drafted_by` is
    the person who asked (an editor); None is the monthly job or a command.
    """
    if drafted_by is not None:
        refuse_unless_editor(drafted_by)
    text, facts = draft_newsletter(first=first, last=last, language=language, today=today)
    notes = gap_notes(facts, language)
    with translation.override("en"):
        # The record kept for the API and the admin; the pages put the notes into words.
        gaps = "\n".join(describe_gaps(notes))
    with transaction.atomic():
        issue, created = NewsletterIssue.objects.select_for_update().get_or_create(
            period_start=first, period_end=last, language=language,
            defaults={"generated_content": text, "gaps": gaps, "gap_notes": notes},
        )  # fmt: skip
        if created:
            return issue
        if issue.generated_content == text:
            # The same draft: its record of gaps is brought up to date (an issue drafted before
            # the notes were kept gets them), and its status stays.
            if (issue.gaps, issue.gap_notes) != (gaps, notes):
                issue.gaps, issue.gap_notes = gaps, notes
                issue.save(update_fields=["gaps", "gap_notes", "updated_at"])
            return issue
        if issue.status != NewsletterIssue.Status.DRAFT and not confirm:
            raise ValidationError(
                _(
                    "This issue is %(status)s; confirm to draft it again "
                    "(the editor's version is kept, and it will need approving again)."
                )
                % {"status": issue.get_status_display().lower()}
            )
        issue.generated_content, issue.gaps, issue.gap_notes = text, gaps, notes
        issue.status = NewsletterIssue.Status.DRAFT
        issue.save(update_fields=["generated_content", "gaps", "gap_notes", "status", "updated_at"])
    return issue


def approve_issue(*, issue: NewsletterIssue, approved_by) -> NewsletterIssue:
    """The editor's go: the issue may now be published."""
    refuse_unless_editor(approved_by)
    if issue.status != NewsletterIssue.Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be approved; this issue is %(status)s.")
            % {"status": issue.get_status_display().lower()}
        )
    issue.status = NewsletterIssue.Status.APPROVED
    issue.approved_by = approved_by
    issue.approved_at = timezone.now()
    issue.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return issue


def previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def draft_previous_month(*, today: date) -> list[NewsletterIssue]:
    """Draft last month's issue in every language (the job of the first of the month)."""
    first, last = previous_month(today)
    issues = []
    for language in LANGUAGES:
        try:
            issues.append(save_draft(first=first, last=last, language=language, today=today))
        except ValidationError:
            continue  # already approved: the editor redrafts it by hand if they want to
    return issues


def refuse_unless_editor(user) -> None:
    if not access.may_edit_newsletter(user):
        raise PermissionDenied(_("Only project officers edit the newsletter."))


def check_editable(issue: NewsletterIssue) -> None:
    """A published issue has gone out: its text is final."""
    if issue.status == NewsletterIssue.Status.PUBLISHED:
        raise ValidationError(_("A published issue has gone out and can no longer change."))


def save_edit(*, issue: NewsletterIssue, content: str, edited_by) -> NewsletterIssue:
    """Keep the editor's version. A changed text needs approving again; a sent one is final.

    The one way an issue's text changes, from the pages, the API and the admin alike.
    """
    refuse_unless_editor(edited_by)
    with transaction.atomic():
        # Read under a lock: an issue published meanwhile is not edited after the fact.
        current = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        check_editable(current)
        content = content.strip()
        if content == current.generated_content.strip():
            content = ""  # no edit after all: later drafts of the period still show through
        if content != current.edited_content.strip():
            current.edited_content = content + "\n" if content else ""
            current.status = NewsletterIssue.Status.DRAFT
            current.save(update_fields=["edited_content", "status", "updated_at"])
    issue.edited_content, issue.status = current.edited_content, current.status
    issue.updated_at = current.updated_at
    return issue
