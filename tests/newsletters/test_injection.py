"""Data typed by coordinators (meeting titles, places, names) reaches every edition of the
newsletter as text: never a heading, a list or a link, in the Markdown, HTML, PDF or e-mail."""

import re
from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from deliverables.models import Deliverable
from meetings.models import Meeting
from newsletters.exports import export_issue
from newsletters.models import Delivery, NewsletterIssue, Subscriber
from newsletters.sending import issue_message
from newsletters.services import save_draft
from partners.models import Organisation, Person
from projects.models import Objective

pytestmark = pytest.mark.django_db

LURE = "[re-confirm EU login](https://evil.example/login)"
HOSTILE = f"Kick-off\n\n# URGENT {LURE}\n\n- <b>bold</b> *now*"


@pytest.fixture
def issue() -> NewsletterIssue:
    call_command("load_demo", stdout=StringIO())
    for model, field in [(Meeting, "title"), (Meeting, "city"), (Meeting, "venue"),
                         (Deliverable, "title"), (Objective, "title"), (Organisation, "name"),
                         (Person, "last_name")]:  # fmt: skip
        length = model._meta.get_field(field).max_length
        model.objects.update(**{field: HOSTILE[:length]})
    return save_draft(first=date(2018, 9, 1), last=date(2018, 10, 31), language="en")


def assert_text_only(html: str):
    assert "evil.example" in html  # the data is there, as text
    assert "href" not in html
    assert not re.search(r"<h\d[^>]*>[^<]*URGENT", html)
    assert not re.search(r"<li[^>]*>\s*&lt;b", html)  # "- <b>" did not open a list item
    assert "<b>" not in html and "<em" not in html


def test_the_markdown_edition_escapes_data(issue):
    text = export_issue(issue, "md")[0].decode()
    assert "\n# URGENT" not in text and "\n- <b>" not in text
    assert r"\[re-confirm EU login\](https://evil.example/login)" in text


def test_the_html_edition_shows_data_as_text(issue):
    html = export_issue(issue, "html")[0].decode()
    assert_text_only(html)
    assert f"# URGENT {LURE}" in html


def test_the_mail_shows_data_as_text(issue):
    issue.status = NewsletterIssue.Status.APPROVED
    reader = Subscriber.objects.create(email="ana@example.org", confirmed_at=timezone.now())
    message = issue_message(issue, Delivery(issue=issue, subscriber=reader))
    html = message.alternatives[0][0].split("</div>")[0]  # the issue, before the footer
    assert_text_only(html)
    assert "\n# URGENT" not in message.body


def test_the_pdf_has_no_link_and_shows_the_words(issue):
    pdf = PdfReader(BytesIO(export_issue(issue, "pdf")[0]))
    assert not any("/Annots" in page for page in pdf.pages)
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "re-confirm EU login](https://evil.example/login)" in " ".join(text.split())


def test_the_editors_own_text_keeps_its_formatting_and_web_links(issue):
    issue.edited_content = (
        "# Our news\n\n[Our site](https://example.org) [mail](mailto:a@b.example)"
    )
    html = export_issue(issue, "html")[0].decode()
    assert "<h1" in html and 'href="https://example.org"' in html
    assert "mailto:" not in html
