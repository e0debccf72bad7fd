"""Anyone may ask the tracker to mail an address (a newsletter confirmation, a password reset
link): such mail is limited per address and per client, goes through Celery, never inside the
request, and the answer is the same whether the address is known or not."""

import re
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from common.mailing import TransientMailError
from newsletters.models import Subscriber
from newsletters.subscriptions import send_confirmation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = ("/accounts/password_reset/", {}, "tasks.accounts.send_password_reset_mail")
SUBSCRIBE = (
    "/newsletter/subscribe/",
    {"language": "en"},
    "tasks.newsletters.send_confirmation_mail",
)


def ask(client, flow, email, capture, ip="192.0.2.1"):
    """POST the form; return the answer and the on-commit callbacks it left, not yet run."""
    url, extra, _task = flow
    with capture(execute=False) as callbacks:
        response = client.post(url, {"email": email, **extra}, REMOTE_ADDR=ip)
    return response, callbacks


def without_csrf(content: bytes) -> str:
    return re.sub(r'value="[^"]{32,}"', "", content.decode())


@pytest.mark.parametrize("flow", [RESET, SUBSCRIBE], ids=["password-reset", "subscribe"])
def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_queued_task(
    flow, client, queued_mail, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")
    Subscriber.objects.create(email="known@example.org", confirmed_at=timezone.now())
    answers = []
    for email in ["known@example.org", "unknown@example.org"]:
        response, callbacks = ask(client, flow, email, django_capture_on_commit_callbacks)
        assert mail.outbox == [], "nothing is sent inside the request"
        answers.append((response.status_code, response.get("Location"),
                        without_csrf(response.content)))  # fmt: skip
        # The one piece of work, for either address: a task queued once the request commits.
        for callback in callbacks:
            callback()
        mail.outbox.clear()
    assert answers[0] == answers[1]
    assert [name for name, _args in queued_mail] == [flow[2], flow[2]]


@pytest.mark.parametrize("flow", [RESET, SUBSCRIBE], ids=["password-reset", "subscribe"])
def test_one_address_gets_a_few_mails_then_the_page_says_to_wait(
    flow, client, queued_mail, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_LIMIT_PER_ADDRESS = "3/hour"
    UserFactory(email="target@example.org")
    statuses = []
    for n in range(5):
        # From five different clients: the limit follows the address.
        response, callbacks = ask(
            client, flow, "Target@example.org ", django_capture_on_commit_callbacks,
            ip=f"192.0.2.{n}",
        )  # fmt: skip
        statuses.append(response.status_code)
        for callback in callbacks:
            callback()
    assert statuses[3:] == [429, 429]
    assert len(queued_mail) == 3
    assert "try again later" in response.content.decode()
    other, _ = ask(client, flow, "other@example.org", django_capture_on_commit_callbacks)
    assert other.status_code in (200, 302)


@pytest.mark.parametrize("flow", [RESET, SUBSCRIBE], ids=["password-reset", "subscribe"])
def test_one_client_gets_a_few_mails_then_the_page_says_to_wait(
    flow, client, queued_mail, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_LIMIT_PER_CLIENT = "4/minute"
    statuses = []
    for n in range(6):
        response, _ = ask(
            client, flow, f"reader{n}@example.org", django_capture_on_commit_callbacks
        )
        statuses.append(response.status_code)
    assert [s == 429 for s in statuses] == [False] * 4 + [True] * 2
    elsewhere, _ = ask(client, flow, "reader9@example.org", django_capture_on_commit_callbacks,
                       ip="198.51.100.7")  # fmt: skip
    assert elsewhere.status_code in (200, 302)


def test_the_limits_are_read_from_the_settings(settings):
    from common.mail_limits import parse_rate

    assert parse_rate("3/hour") == (3, 3600)
    assert parse_rate("20/minutes") == (20, 60)
    assert parse_rate("100/day") == (100, 86400)


def test_a_confirmation_refused_for_now_is_tried_again(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    from tests.reminders.backends import ScriptedBackend

    reader = Subscriber.objects.create(email="r@example.org")
    ScriptedBackend.failures = {"r@example.org": smtplib.SMTPResponseException(451, b"later")}
    try:
        with pytest.raises(TransientMailError):
            send_confirmation(subscriber_id=reader.pk)
    finally:
        ScriptedBackend.failures = {}
    assert send_confirmation(subscriber_id=reader.pk) == "sent"
    reader.confirmed_at = timezone.now()
    reader.save()
    assert send_confirmation(subscriber_id=reader.pk) == "nothing to send"


@pytest.mark.parametrize("flow", [RESET, SUBSCRIBE], ids=["reset", "subscribe"])
def test_a_client_over_its_limit_does_not_use_up_someone_elses_address(
    flow, client, queued_mail, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_LIMIT_PER_CLIENT = "1/hour"
    settings.MAIL_LIMIT_PER_ADDRESS = "2/hour"
    victim = "ana@example.org"
    for _ in range(5):  # one goes through, then the flooding client is refused
        ask(client, flow, victim, django_capture_on_commit_callbacks, ip="203.0.113.9")
    own, _ = ask(client, flow, victim, django_capture_on_commit_callbacks, ip="198.51.100.7")
    assert own.status_code in (200, 302)
