"""Publishing an approved issue: one delivery per reader, each recorded before it is handed over
and sent once (common.mailing)."""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.claims import PENDING, release_stale, stale_before
from common.enqueue import enqueue_after_commit
from common.mailing import TransientMailError, send_claimed, subject_line

from .exports import as_html
from .models import Delivery, NewsletterIssue, Subscriber
from .services import refuse_unless_editor
from .subscriptions import link

CHUNK = 20


def publish_issue(*, issue: NewsletterIssue, published_by=None) -> int:
    """Publish an approved issue: one delivery per confirmed subscriber of its language, sent
    by a Celery job once the transaction commits. Publishing again adds only new subscribers.

    `published_by` is the person who asked (an editor); None is a command acting for the network.
    """
    if published_by is not None:
        refuse_unless_editor(published_by)
    if issue.status == NewsletterIssue.Status.DRAFT:
        raise ValidationError(_("Approve the issue before publishing it."))
    with transaction.atomic():
        readers = Subscriber.objects.filter(language=issue.language, confirmed_at__isnull=False)
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber=s) for s in readers], ignore_conflicts=True
        )
        issue.status = NewsletterIssue.Status.PUBLISHED
        issue.published_at = issue.published_at or timezone.now()
        issue.save(update_fields=["status", "published_at", "updated_at"])
        enqueue_after_commit("tasks.newsletters.send_newsletter", issue.pk)
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
        return cls(subject=subject_line(subject), html=as_html(issue.content, issue.language))


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
            builders = {
                d.pk: partial(issue_message, issue, d, body) for d in pending[start : start + CHUNK]
            }
            outcomes = send_claimed(
                Delivery, builders, connection=connection,
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
