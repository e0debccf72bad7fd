"""Newsletter deliveries are sent as reminder digests are (common/mailing.py): recorded one by
one, a stable Message-ID, temporary errors tried again with backoff, permanent ones kept."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from common.mailing import TransientMailError
from newsletters.models import Delivery, NewsletterIssue, Subscriber
from newsletters.sending import send_issue, send_pending_issues
from tasks.newsletters import send_newsletter
from tests.reminders.backends import ScriptedBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.failures = {}
    yield ScriptedBackend
    ScriptedBackend.failures = {}


@pytest.fixture
def issue():
    issue = NewsletterIssue.objects.create(
        period_start=date(2018, 9, 1), period_end=date(2018, 9, 30), language="en",
        generated_content="# News", status="published",
    )  # fmt: skip
    for name in ["ana", "ben", "chloe"]:
        reader = Subscriber.objects.create(email=f"{name}@example.org", confirmed_at=timezone.now())
        Delivery.objects.create(issue=issue, subscriber=reader)
    return issue


def delivery_to(email: str) -> Delivery:
    return Delivery.objects.get(subscriber__email=email)


def test_each_delivery_is_recorded_as_sent_as_soon_as_the_server_took_it(issue, monkeypatch):
    seen = []

    def spy(message):
        # What the database says of the readers when each mail is handed over.
        seen.append(dict(Delivery.objects.values_list("subscriber__email", "status")))
        mail.outbox.append(message)
        return 1

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", lambda self: spy(self))
    assert send_issue(issue_id=issue.pk) == 3
    assert [list(statuses.values()).count("sent") for statuses in seen] == [0, 1, 2]


def test_every_delivery_has_its_own_message_id_kept_on_every_attempt(issue, scripted):
    scripted.failures = {"ben@example.org": smtplib.SMTPResponseException(421, b"try later")}
    with pytest.raises(TransientMailError):
        send_issue(issue_id=issue.pk)
    first = {m.to[0]: m.extra_headers["Message-ID"] for m in mail.outbox}
    assert len(set(first.values())) == 2
    ben = delivery_to("ben@example.org")
    assert first["ana@example.org"] == f"<newsletter-{delivery_to('ana@example.org').pk}@" + (
        "erasmus-tracker.example.org>"
    )
    scripted.failures = {}
    assert send_issue(issue_id=issue.pk) == 3
    assert mail.outbox[-1].extra_headers["Message-ID"] == f"<newsletter-{ben.pk}@" + (
        "erasmus-tracker.example.org>"
    )
    assert len(mail.outbox) == 3


def test_a_temporary_refusal_is_tried_again_until_the_attempts_are_spent(issue, scripted, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    scripted.failures = {"ben@example.org": smtplib.SMTPResponseException(421, b"try later")}
    with pytest.raises(TransientMailError):
        send_issue(issue_id=issue.pk)
    ben = delivery_to("ben@example.org")
    assert (ben.status, ben.attempts) == ("pending", 1)
    assert "try later" in ben.last_error
    assert {d.status for d in Delivery.objects.exclude(pk=ben.pk)} == {"sent"}
    assert send_issue(issue_id=issue.pk) == 2  # the second attempt was the last
    ben.refresh_from_db()
    assert (ben.status, ben.attempts) == ("failed", 2)
    # The task backs off and tries again on a temporary refusal, as reminder digests do.
    assert TransientMailError in send_newsletter.autoretry_for
    assert send_newsletter.retry_backoff == 120


def test_a_permanent_refusal_fails_that_reader_only(issue, scripted):
    scripted.failures = {
        "ben@example.org": smtplib.SMTPRecipientsRefused(
            {"ben@example.org": (550, b"5.1.1 mailbox unknown")}
        )
    }
    assert send_issue(issue_id=issue.pk) == 2
    ben = delivery_to("ben@example.org")
    assert (ben.status, ben.attempts) == ("failed", 1)
    assert "mailbox unknown" in ben.last_error


def test_the_sweep_goes_on_past_an_issue_the_server_refuses_for_now(issue, scripted):
    scripted.failures = {"ana@example.org": smtplib.SMTPServerDisconnected("gone")}
    assert send_pending_issues() == 1
    assert delivery_to("ana@example.org").status == "pending"


def test_newsletters_have_their_own_stale_setting(issue, settings):
    settings.REMINDER_STALE_MINUTES = 600
    settings.NEWSLETTER_STALE_MINUTES = 5
    Delivery.objects.update(status="sending", claimed_at=timezone.now() - timedelta(minutes=6))
    assert send_issue(issue_id=issue.pk) == 3
