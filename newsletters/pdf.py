"""The issue as a newsletter page in PDF, with a progress chart beside each project's news."""

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from common import clock

from .charts import progress_chart
from .exports import as_html
from .models import NewsletterIssue
from .selectors import newsletter_facts


def issue_pdf(issue: NewsletterIssue) -> bytes:
    facts = newsletter_facts(issue.period_start, issue.period_end, today=clock.today())
    with translation.override(issue.language):
        charts = [(item.project.acronym, progress_chart(item)) for item in facts.progress]
        page = render_to_string(
            "newsletters/page.html",
            {"issue": issue, "body": as_html(issue.content, issue.language), "charts": charts},
        )
    return HTML(string=page, url_fetcher=fetch_nothing).write_pdf()


def fetch_nothing(url: str, *args, **kwargs):
    """The page is self-contained (inline SVG, system fonts): nothing is fetched, so no link in
    an issue can make the server read a local file or call another host."""
    raise ValueError(f"The newsletter PDF fetches nothing; refused {url!r}.")
