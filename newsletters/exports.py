"""An issue as Markdown, or as HTML with inline styles that survive pasting into a mailing tool."""

import re

import markdown
import nh3
from django.http import HttpResponse
from django.utils import translation

from .emblem import acknowledgement_html

# Mailing tools drop <style> blocks, so every element carries its own style.
INLINE_STYLES = {
    "h1": "font-family: Arial, sans-serif; font-size: 20px; color: #1f4e79; "
    "text-transform: uppercase; margin: 28px 0 10px;",
    "h2": "font-family: Arial, sans-serif; font-size: 16px; color: #1f4e79; margin: 18px 0 6px;",
    "p": "font-family: Arial, sans-serif; font-size: 14px; line-height: 1.5; color: #222; "
    "margin: 0 0 10px;",
    "ul": "font-family: Arial, sans-serif; font-size: 14px; line-height: 1.5; color: #222; "
    "margin: 0 0 10px; padding-left: 20px;",
    "li": "margin-bottom: 4px;",
    "strong": "color: #1f4e79;",
}
FORMATS = ["md", "html", "pdf"]


# What an issue may contain once it is HTML: text structure and links to web pages, nothing
# that runs or loads. Data reaches the Markdown as text already (the template's `text` filter);
# the editor's Markdown is the one source of formatting and links, and it passes through here
# on its way to subscribers, the preview, the HTML export and the PDF alike.
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote"}
ALLOWED_LINK_SCHEMES = {"http", "https"}


def as_html(text: str, language: str | None = None) -> str:
    """The issue's Markdown as safe HTML, closed by the EU acknowledgement (in `language`, or
    the active one)."""
    html = markdown.markdown(text, extensions=["nl2br"], output_format="html")
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes=ALLOWED_LINK_SCHEMES,
        link_rel="noopener noreferrer",
    )
    for tag, style in INLINE_STYLES.items():
        html = re.sub(rf"<{tag}>", f'<{tag} style="{style}">', html)
    with translation.override(language or translation.get_language()):
        acknowledgement = acknowledgement_html()
    return f'<div style="max-width: 640px;">\n{html}\n{acknowledgement}\n</div>\n'


def issue_download(issue, fmt: str) -> HttpResponse:
    """The issue as a file to save, named for the months it covers."""
    content, content_type = export_issue(issue, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(issue, fmt)}"'
    return response


def file_name(issue, fmt: str) -> str:
    """newsletter-2018-10-fr.pdf for one month, newsletter-2018-09-2018-10-fr.pdf for two."""
    first, last = issue.period_start, issue.period_end
    months = (
        f"{first:%Y-%m}"
        if (first.year, first.month) == (last.year, last.month)
        else (f"{first:%Y-%m}-{last:%Y-%m}")
    )
    return f"newsletter-{months}-{issue.language}.{fmt}"


def export_issue(issue, fmt: str) -> tuple[bytes, str]:
    """The issue as it goes out (the editor's version if any): its bytes and content type."""
    if fmt == "md":
        return issue.content.encode(), "text/markdown; charset=utf-8"
    if fmt == "html":
        return as_html(issue.content, issue.language).encode(), "text/html; charset=utf-8"
    if fmt == "pdf":
        from .pdf import issue_pdf  # WeasyPrint loads its fonts on import: only when needed

        return issue_pdf(issue), "application/pdf"
    raise ValueError(f"Unknown format {fmt!r}; use {', '.join(FORMATS)}.")
