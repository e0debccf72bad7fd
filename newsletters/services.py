from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import NewsletterIssue
from .selectors import NewsletterFacts, newsletter_facts

LANGUAGES = NewsletterIssue.Language.values


def check_period(first: date, last: date, language: str) -> None:
    if last < first:
        raise ValidationError(f"The period ends ({last}) before it starts ({first}).")
    if language not in LANGUAGES:
        raise ValidationError(f"Unknown language {language!r}; use one of {', '.join(LANGUAGES)}.")


def draft_newsletter(*, first: date, last: date, language: str) -> tuple[str, NewsletterFacts]:
    """The Markdown draft of a period's agenda and project news, and the facts behind it."""
    check_period(first, last, language)
    facts = newsletter_facts(first, last)
    with translation.override(language):
        text = render_to_string("newsletters/newsletter.md", {"facts": facts})
    return tidy(text), facts


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


def save_draft(*, first: date, last: date, language: str) -> NewsletterIssue:
    """Store the draft; an existing issue keeps its editor's version and its status."""
    text, _facts = draft_newsletter(first=first, last=last, language=language)
    with transaction.atomic():
        issue, created = NewsletterIssue.objects.select_for_update().get_or_create(
            period_start=first, period_end=last, language=language,
            defaults={"generated_content": text},
        )  # fmt: skip
        if not created and issue.generated_content != text:
            issue.generated_content = text
            issue.save(update_fields=["generated_content", "updated_at"])
    return issue
