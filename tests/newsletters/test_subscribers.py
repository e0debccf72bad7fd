"""Readers subscribe without an account, confirm by e-mail, and receive each issue once."""

import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from newsletters.models import Delivery, Subscriber
from newsletters.sending import publish_issue, send_issue
from newsletters.services import approve_issue, save_draft

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/newsletter/\S+/)", message.body).group(1)


def subscribe(client, email, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/newsletter/subscribe/", {"email": email, "language": language})
    assert page.status_code == 200
    return mail.outbox[-1]


def test_double_opt_in_then_one_issue_each_in_the_readers_language(
    client, django_capture_on_commit_callbacks, monkeypatch, queued_mail
):
    call_command("load_demo", stdout=StringIO())
    confirmation = subscribe(client, "Reader@Example.org", "fr", django_capture_on_commit_callbacks)
    assert confirmation.to == ["reader@example.org"]
    assert "Confirmez" in confirmation.subject
    subscribe(
        client, "other@example.org", "fr", django_capture_on_commit_callbacks
    )  # never confirms
    subscribe(client, "english@example.org", "en", django_capture_on_commit_callbacks)
    client.get(link_in(confirmation))
    english = Subscriber.objects.get(email="english@example.org")
    assert Subscriber.objects.get(email="reader@example.org").confirmed_at is not None

    issue = save_draft(first=date(2018, 9, 1), last=date(2018, 10, 31), language="fr")
    with pytest.raises(ValidationError, match="Approve"):
        publish_issue(issue=issue)
    approve_issue(issue=issue, approved_by=get_user_model().objects.get(username="officer"))
    mail.outbox.clear()
    queued = []
    monkeypatch.setattr(
        "tasks.newsletters.send_newsletter.apply_async", lambda args, **options: queued.extend(args)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_issue(issue=issue) == 1
    assert queued == [issue.pk]
    assert send_issue(issue_id=issue.pk) == 1
    [sent] = mail.outbox
    assert sent.to == ["reader@example.org"]
    assert "Avancement du projet Erasmus+ COCADE" in sent.body
    assert "List-Unsubscribe" in sent.extra_headers
    assert english.pk not in Delivery.objects.values_list("subscriber_id", flat=True)

    # Publishing or sending again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_issue(issue=issue) == 0
    assert send_issue(issue_id=issue.pk) == 1
    assert len(mail.outbox) == 1
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count) == ("published", 1)

    unsubscribe = link_in(sent)
    assert client.get(unsubscribe).status_code == 200
    assert Subscriber.objects.filter(email="reader@example.org").exists()
    client.post(unsubscribe)
    assert not Subscriber.objects.filter(email="reader@example.org").exists()


def test_bad_addresses_and_links_are_refused_with_a_message(client):
    page = client.post("/newsletter/subscribe/", {"email": "not-an-address", "language": "fr"})
    assert page.status_code == 400
    assert "not-an-address" in page.content.decode()  # what was typed is kept
    assert client.get("/newsletter/confirm/forged-token/").status_code == 400
    assert client.get("/newsletter/unsubscribe/forged-token/").status_code == 400
    assert not Subscriber.objects.exists()


def test_a_delivery_left_sending_by_a_stopped_worker_goes_out_on_the_next_send(settings):
    from datetime import timedelta

    from django.utils import timezone

    from newsletters.models import NewsletterIssue

    issue = NewsletterIssue.objects.create(
        period_start=date(2018, 9, 1), period_end=date(2018, 9, 30), language="en",
        generated_content="# News", status="published",
    )  # fmt: skip
    reader = Subscriber.objects.create(email="r@example.org", confirmed_at=timezone.now())
    Delivery.objects.create(
        issue=issue, subscriber=reader, status="sending",
        claimed_at=timezone.now() - timedelta(minutes=settings.NEWSLETTER_STALE_MINUTES + 1),
    )  # fmt: skip
    fresh = Subscriber.objects.create(email="f@example.org", confirmed_at=timezone.now())
    Delivery.objects.create(issue=issue, subscriber=fresh, status="sending",
                            claimed_at=timezone.now())  # fmt: skip
    assert send_issue(issue_id=issue.pk) == 1
    assert [m.to for m in mail.outbox] == [["r@example.org"]]


def test_subscribing_again_cannot_change_a_confirmed_readers_language(
    client, django_capture_on_commit_callbacks, queued_mail
):
    confirmation = subscribe(client, "reader@example.org", "en", django_capture_on_commit_callbacks)
    subscribe(client, "reader@example.org", "fr", django_capture_on_commit_callbacks)
    assert Subscriber.objects.get().language == "fr"  # still waiting: the last request counts
    client.get(link_in(mail.outbox[-1]))
    assert confirmation.to == ["reader@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletter/subscribe/", {"email": "reader@example.org", "language": "en"})
    assert Subscriber.objects.get().language == "fr"
