"""Subscribers (double opt-in, no account) and publishing an approved issue to them, once each."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from common.claims import PENDING, release_stale, stale_before
from common.enqueue import enqueue_after_commit
from common.mailing import TransientMailError, send_claimed, send_now

from .exports import as_html
from .models import Delivery, NewsletterIssue, Subscriber

SALT = "newsletters.subscriber"
CONFIRM_WITHIN = 7 * 24 * 3600  # seconds a confirmation link stays valid
CHUNK = 20


def link(name: str, subscriber: Subscriber) -> str:
    token = signing.dumps({"subscriber": subscriber.pk, "email": subscriber.email}, salt=SALT)
    return settings.SITE_URL + reverse(f"newsletters:{name}", args=[token])


def subscriber_from(token: str, max_age: int | None = None) -> Subscriber:
    """The subscriber a link names, or ValidationError if the link is forged, old or stale."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError("This link has expired; subscribe again for a new one.") from None
    except signing.BadSignature:
        raise ValidationError("This link is not valid; copy it whole from the e-mail.") from None
    subscriber = Subscriber.objects.filter(pk=data.get("subscriber"), email=data.get("email"))
    if not subscriber.exists():
        raise ValidationError("This subscription no longer exists.")
    return subscriber.get()


def subscribe(*, email: str, language: str) -> Subscriber:
    """Record the request and have the confirmation link mailed; nothing is sent before it is
    followed. A new, a waiting and a confirmed address take the same steps (the task finds
    there is nothing to send to a confirmed one), so the answer and its timing say nothing of
    who subscribed."""
    from tasks.newsletters import send_confirmation_mail

    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    elif subscriber.language != language:
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
    enqueue_after_commit(send_confirmation_mail, subscriber.pk)
    return subscriber


def send_confirmation(*, subscriber_id: int) -> str:
    """Mail the confirmation link to a subscriber who has not followed it yet."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:
        return "nothing to send"
    with translation.override(subscriber.language):
        context = {"confirm_url": link("confirm", subscriber)}
        message = EmailMultiAlternatives(
            subject=render_to_string("newsletters/email/confirm_subject.txt").strip(),
            body=render_to_string("newsletters/email/confirm.txt", context),
            to=[subscriber.email],
        )
    send_now(message)
    return "sent"


def confirm(*, token: str) -> Subscriber:
    subscriber = subscriber_from(token, max_age=CONFIRM_WITHIN)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at", "updated_at"])
    return subscriber


def unsubscribe(*, token: str) -> None:
    subscriber_from(token).delete()


def publish_issue(*, issue: NewsletterIssue) -> int:
    """Publish an approved issue: one delivery per confirmed subscriber of its language, sent
    by a Celery job once the transaction commits. Publishing again adds only new subscribers."""
    from tasks.newsletters import send_newsletter

    if issue.status == NewsletterIssue.Status.DRAFT:
        raise ValidationError("Approve the issue before publishing it.")
    with transaction.atomic():
        readers = Subscriber.objects.filter(language=issue.language, confirmed_at__isnull=False)
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber=s) for s in readers], ignore_conflicts=True
        )
        issue.status = NewsletterIssue.Status.PUBLISHED
        issue.published_at = issue.published_at or timezone.now()
        issue.save(update_fields=["status", "published_at", "updated_at"])
        enqueue_after_commit(send_newsletter, issue.pk)
    return issue.deliveries.filter(status=Delivery.Status.PENDING).count()


@dataclass(frozen=True)
class IssueBody:
    """What every reader of an issue gets alike, rendered once per sending."""

    subject: str
    html: str

    @classmethod
    def of(cls, issue: NewsletterIssue) -> "IssueBody":
        with translation.override(issue.language):
            subject = render_to_string("newsletters/email/issue_subject.txt", {"issue": issue})
        return cls(subject=subject.strip(), html=as_html(issue.content))


def message_id(delivery: Delivery) -> str:
    """The same on every attempt: a delivery sent again after a stopped worker is recognised by
    mail services as the one message it is."""
    return f"<newsletter-{delivery.pk}@{settings.CALENDAR_UID_DOMAIN}>"


def issue_message(
    issue: NewsletterIssue, delivery: Delivery, body: IssueBody | None = None
) -> EmailMultiAlternatives:
    body = body or IssueBody.of(issue)
    unsubscribe_url = link("unsubscribe", delivery.subscriber)
    with translation.override(issue.language):
        context = {"issue": issue, "unsubscribe_url": unsubscribe_url}
        message = EmailMultiAlternatives(
            subject=body.subject,
            body=issue.content + render_to_string("newsletters/email/footer.txt", context),
            to=[delivery.subscriber.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "Message-ID": message_id(delivery),
            },
        )
        message.attach_alternative(
            body.html + render_to_string("newsletters/email/footer.html", context), "text/html"
        )
    return message


def send_issue(*, issue_id: int) -> int:
    """Send the pending deliveries of an issue over one connection; return how many readers
    have received it in all.

    Raises TransientMailError when the server refused some for now, so the task backs off and
    tries them again.
    """
    issue = NewsletterIssue.objects.get(pk=issue_id)
    # Deliveries a stopped worker left "sending"; at most one per stopped worker was handed to
    # the server already, and goes again with the same Message-ID (common/mailing.py).
    release_stale(issue.deliveries, minutes=settings.NEWSLETTER_STALE_MINUTES)
    body = IssueBody.of(issue)
    pending = list(
        issue.deliveries.filter(status=Delivery.Status.PENDING).select_related("subscriber")
    )
    refused = []
    connection = get_connection()
    try:
        for start in range(0, len(pending), CHUNK):
            messages = {d.pk: issue_message(issue, d, body) for d in pending[start : start + CHUNK]}
            outcomes = send_claimed(
                Delivery, messages, connection=connection,
                max_attempts=settings.NEWSLETTER_MAX_ATTEMPTS,
            )  # fmt: skip
            refused += [error for status, error in outcomes.values() if status == PENDING]
    finally:
        connection.close()
    total = issue.deliveries.filter(status=Delivery.Status.SENT).count()
    NewsletterIssue.objects.filter(pk=issue.pk).update(sent_count=total)
    if refused:
        raise TransientMailError(f"{len(refused)} deliveries to try again: {refused[0]}")
    return total


def send_pending_issues() -> int:
    """Send every published issue that still has readers waiting, because its task never
    reached the broker or its worker stopped; return how many issues had some. Claims keep
    this safe beside a task that is sending the same issue."""
    stale = stale_before(settings.NEWSLETTER_STALE_MINUTES)
    waiting = Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING) | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale),
        issue__status=NewsletterIssue.Status.PUBLISHED,
    )
    issue_ids = list(waiting.values_list("issue_id", flat=True).distinct().order_by())
    for issue_id in issue_ids:
        try:
            send_issue(issue_id=issue_id)
        except TransientMailError:
            continue  # recorded as pending; the next sweep tries again
    return len(issue_ids)
