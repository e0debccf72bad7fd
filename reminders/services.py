"""The reminder run: claim what is due, gather one digest per person, send each exactly once."""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from deliverables.models import Deliverable
from partners.models import Person
from projects.models import Partnership, Project

from .claims import claim_all
from .digests import Items, build_message
from .models import Digest, Reminder, ReminderRun

logger = logging.getLogger(__name__)
MONDAY = 0
REMINDED_PROJECTS = [s for s in Project.Status.values if s != Project.Status.FINAL_REPORT_SUBMITTED]


class TransientMailError(Exception):
    """The mail server could not take the message now; trying again later may work."""


@dataclass
class DigestOutcome:
    digest: Digest
    reminders: list[Reminder]
    status: str
    error: str = ""


@dataclass
class RunReport:
    run: ReminderRun
    outcomes: list[DigestOutcome] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    dry_run: bool = False


class _DryRun(Exception):
    """Raised inside the run's transaction to roll a dry run back."""


def run_reminders(*, day: date, dry_run: bool = False) -> RunReport:
    """Send every reminder due on `day` that was not sent before, one digest per person.

    With dry_run the same work is done and shown, then rolled back: nothing is recorded, nothing
    is sent.
    """
    report = RunReport(run=ReminderRun(day=day), dry_run=dry_run)
    try:
        with transaction.atomic():
            prepare_run(report, day)
            if dry_run:
                for outcome in report.outcomes:
                    outcome.status = (
                        "would be sent"
                        if outcome.digest.recipient.email
                        else (Digest.Status.SKIPPED)
                    )
                raise _DryRun
    except _DryRun:
        return report
    send_digests(report)
    return report


def prepare_run(report: RunReport, day: date) -> None:
    now = timezone.now()
    run = report.run
    run.save()
    claim_all(day, now)
    run.claimed = Reminder.objects.filter(created_at=now).count()
    recover_stale_digests(now)
    gather_digests(run, day)
    report.gaps = find_gaps(run, day)
    run.gaps = "\n".join(report.gaps)
    digests = list(
        Digest.objects.filter(status=Digest.Status.PENDING)
        .select_related("recipient", "run")
        .order_by("recipient__last_name", "pk")
    )
    reminders = list(Reminder.objects.filter(digest__in=digests))
    by_digest = {}
    for reminder in reminders:
        by_digest.setdefault(reminder.digest_id, []).append(reminder)
    report.outcomes = [
        DigestOutcome(digest, by_digest.get(digest.pk, []), digest.status) for digest in digests
    ]
    run.digests = len(report.outcomes)
    run.save()


def gather_digests(run: ReminderRun, day: date) -> None:
    """Give every person with reminders not yet in a digest one digest of this run.

    The reminders are claimed with one conditional UPDATE (digest still empty), so a run
    happening at the same moment cannot put them in a second digest.
    """
    waiting = Reminder.objects.filter(digest__isnull=True)
    if day.weekday() != MONDAY:
        waiting = waiting.exclude(recipient__reminder_frequency=Person.Frequency.WEEKLY)
    recipients = waiting.values_list("recipient_id", flat=True).distinct().order_by()
    Digest.objects.bulk_create(
        [Digest(run=run, recipient_id=pk) for pk in recipients], ignore_conflicts=True
    )
    mine = Digest.objects.filter(run=run, recipient=OuterRef("recipient")).values("pk")[:1]
    waiting.filter(recipient__digests__run=run).update(digest=Subquery(mine))
    Digest.objects.filter(run=run, reminders__isnull=True).delete()
    Digest.objects.filter(run=run, recipient__email="").update(
        status=Digest.Status.SKIPPED, last_error="The person has no e-mail address."
    )


def recover_stale_digests(now) -> int:
    """Digests left "sending" by a worker that was stopped go out again on this run.

    This is the one place a mail can go out twice: when the worker stopped after the mail
    server took the message but before the digest was marked sent. Sending again is preferred
    to losing a reminder; the digest's attempts count shows it.
    """
    stale_before = now - timedelta(minutes=settings.REMINDER_STALE_MINUTES)
    recovered = Digest.objects.filter(
        status=Digest.Status.SENDING, claimed_at__lt=stale_before
    ).update(status=Digest.Status.PENDING, last_error="Recovered after a stopped worker.")
    if recovered:
        logger.warning("Recovered %d digests left sending by a stopped worker.", recovered)
    return recovered


def find_gaps(run: ReminderRun, day: date) -> list[str]:
    """What could not be reminded to anyone, for an officer to fix."""
    unreachable = (
        Reminder.objects.filter(digest__run=run, digest__status=Digest.Status.SKIPPED)
        .values("recipient")
        .annotate(n=Count("pk"))
    )
    people = Person.objects.select_related("organisation").in_bulk(
        [row["recipient"] for row in unreachable]
    )
    gaps = [
        f"{people[row['recipient']].full_name} ({people[row['recipient']].organisation.short_name})"
        f" has no e-mail address: {row['n']} reminder(s) could not be sent."
        for row in unreachable
    ]
    has_contact = Partnership.contacts.through.objects.filter(
        partnership__project=OuterRef("project"),
        partnership__organisation=OuterRef("lead_organisation"),
    )
    no_contact = (
        Deliverable.objects.open()
        .filter(due_date__lte=day + timedelta(days=30), project__status__in=REMINDED_PROJECTS)
        .filter(~Exists(has_contact))
        .select_related("project", "lead_organisation")
        .order_by("due_date", "pk")
    )
    gaps += [
        f"{d.project.acronym} {d.code} is due {d.due_date:%d %b %Y}, but "
        f"{d.lead_organisation.short_name} has no contact person in {d.project.acronym}."
        for d in no_contact
    ]
    return gaps


def send_digests(report: RunReport) -> None:
    """Send the run's digests over one connection; each is claimed before it is sent."""
    outcomes = [o for o in report.outcomes if o.status == Digest.Status.PENDING]
    if not outcomes:
        finish(report.run)
        return
    items = Items([r for o in outcomes for r in o.reminders])
    connection = get_connection()
    try:
        for outcome in outcomes:
            outcome.status, outcome.error = send_one(outcome, items, connection)
    finally:
        connection.close()
    for outcome in outcomes:
        if outcome.status == Digest.Status.PENDING:  # a temporary error: try again later
            schedule_retry(outcome.digest.pk)
    finish(report.run, outcomes)


def finish(run: ReminderRun, outcomes=()) -> None:
    run.sent = sum(o.status == Digest.Status.SENT for o in outcomes)
    run.failed = sum(o.status == Digest.Status.FAILED for o in outcomes)
    run.finished_at = timezone.now()
    run.save(update_fields=["sent", "failed", "finished_at"])


def claim_for_sending(digest: Digest) -> bool:
    claimed = Digest.objects.filter(pk=digest.pk, status=Digest.Status.PENDING).update(
        status=Digest.Status.SENDING, claimed_at=timezone.now(), attempts=digest.attempts + 1
    )
    return claimed == 1


def send_one(outcome: DigestOutcome, items: Items, connection) -> tuple[str, str]:
    """Send one digest; return its new status and the error, if any."""
    digest = outcome.digest
    if not claim_for_sending(digest):
        return "sent by another worker", ""
    message = build_message(digest, outcome.reminders, items)
    if message is None:
        Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.SKIPPED)
        return Digest.Status.SKIPPED, "nothing left to remind"
    message.connection = connection
    try:
        message.send()
    except Exception as error:  # classified, recorded, and retried or failed below
        connection.close()  # a broken session must not fail the next recipients
        return record_failure(digest, error)
    Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.SENT, sent_at=timezone.now())
    return Digest.Status.SENT, ""


def is_transient(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def record_failure(digest: Digest, error: Exception) -> tuple[str, str]:
    reason = f"{type(error).__name__}: {error}"
    attempts = digest.attempts + 1
    if is_transient(error) and attempts < settings.REMINDER_MAX_ATTEMPTS:
        Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.PENDING, last_error=reason)
        return Digest.Status.PENDING, reason
    Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.FAILED, last_error=reason)
    logger.error("Reminder digest %s failed for good: %s", digest.pk, reason)
    return Digest.Status.FAILED, reason


def schedule_retry(digest_id: int) -> None:
    """Queue a retry once the current transaction (if any) has committed."""
    from tasks.reminders import retry_digest

    transaction.on_commit(lambda: retry_digest.apply_async((digest_id,), countdown=120))


def resend_digest(*, digest_id: int) -> str:
    """Try a digest again after a temporary mail error; return its new status.

    Raises TransientMailError when the server refuses again for now, so the task backs off.
    """
    digest = Digest.objects.select_related("recipient", "run").filter(pk=digest_id).first()
    if digest is None or digest.status != Digest.Status.PENDING:
        return "nothing to do"
    reminders = list(digest.reminders.all())
    outcome = DigestOutcome(digest, reminders, digest.status)
    connection = get_connection()
    try:
        status, error = send_one(outcome, Items(reminders), connection)
    finally:
        connection.close()
    if status == Digest.Status.PENDING:
        raise TransientMailError(error)
    return status
