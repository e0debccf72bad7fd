"""The reminder run: claim what is due, gather one digest per person, send each exactly once."""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from common.claims import release_stale
from common.enqueue import enqueue_after_commit
from common.mailing import TransientMailError, send_claimed
from deliverables.models import Deliverable
from partners.models import Person
from projects.models import Partnership, Project

from .claims import claim_all
from .digests import Items, build_message, describe
from .models import Digest, Reminder, ReminderRun

logger = logging.getLogger(__name__)
MONDAY = 0
REMINDED_PROJECTS = [s for s in Project.Status.values if s != Project.Status.FINAL_REPORT_SUBMITTED]


@dataclass
class DigestOutcome:
    digest: Digest
    status: str
    error: str = ""
    reminders: list[Reminder] = field(default_factory=list)  # held only while it is handled
    summary: list[str] = field(default_factory=list)  # one line per reminder, for the report


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
                for block in chunks(report.outcomes, LOAD_CHUNK):
                    load_reminders(block)
                    for outcome in block:
                        outcome.status, outcome.reminders = "would be sent", []
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
    # Just claimed means not yet in a digest: the partial index on undigested reminders
    # keeps this count from reading the whole, ever-growing table.
    run.claimed = Reminder.objects.filter(digest__isnull=True, created_at=now).count()
    recover_stale_digests(now)
    gather_digests(run, day)
    report.gaps = find_gaps(run, day)
    run.gaps = "\n".join(report.gaps)
    digests = (
        Digest.objects.filter(status=Digest.Status.PENDING)
        .select_related("recipient", "run")
        .order_by("recipient__last_name", "pk")
    )
    report.outcomes = [DigestOutcome(digest, digest.status) for digest in digests]
    run.digests = len(report.outcomes)
    run.save()


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_reminders(outcomes: list[DigestOutcome]) -> Items:
    """Fetch the reminders of these digests and the items they name, a query per kind, and
    note them for the report."""
    by_digest = {outcome.digest.pk: outcome for outcome in outcomes}
    reminders = list(Reminder.objects.filter(digest__in=list(by_digest)).order_by("item_date"))
    items = Items(reminders)
    for reminder in reminders:
        outcome = by_digest[reminder.digest_id]
        outcome.reminders.append(reminder)
        outcome.summary.append(describe(reminder, items))
    return items


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
    server took the message but before the digest was marked sent, which is one digest per
    stopped worker at most. It goes again with the same Message-ID; sending again is preferred
    to losing a reminder, and the digest's attempts count shows it.
    """
    recovered = release_stale(
        Digest.objects,
        minutes=settings.REMINDER_STALE_MINUTES,
        last_error="Recovered after a stopped worker.",
    )
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


# Digests are claimed a chunk at a time (one commit per chunk) and each is recorded as sent as
# soon as the server took it: a worker stopped mid-chunk leaves one e-mail in doubt, at most
# (see recover_stale_digests).
CHUNK = 20
# Reminders and the items they name are loaded for this many digests at a time, so memory stays
# flat however many people a run reaches.
LOAD_CHUNK = 200


def send_digests(report: RunReport) -> None:
    """Send the run's digests over one connection; each is claimed before it is sent."""
    outcomes = [o for o in report.outcomes if o.status == Digest.Status.PENDING]
    connection = get_connection()
    try:
        for block in chunks(outcomes, LOAD_CHUNK):
            items = load_reminders(block)
            for chunk in chunks(block, CHUNK):
                send_chunk(chunk, items, connection)
            for outcome in block:
                outcome.reminders = []
    finally:
        connection.close()
    for outcome in outcomes:
        if outcome.status == Digest.Status.PENDING:  # a temporary error: try again later
            schedule_retry(outcome.digest.pk)
    finish(report.run, outcomes)


def send_chunk(outcomes: list[DigestOutcome], items: Items, connection) -> None:
    """Claim these digests and send those this worker won (common/mailing.py)."""
    messages = {}
    for outcome in outcomes:
        message = build_message(outcome.digest, outcome.reminders, items)
        if message is None:
            Digest.objects.filter(pk=outcome.digest.pk, status=Digest.Status.PENDING).update(
                status=Digest.Status.SKIPPED
            )
            outcome.status, outcome.error = Digest.Status.SKIPPED, "nothing left to remind"
        else:
            messages[outcome.digest.pk] = message
    sent = send_claimed(
        Digest, messages, connection=connection, max_attempts=settings.REMINDER_MAX_ATTEMPTS
    )
    for outcome in outcomes:
        if outcome.digest.pk in sent:
            outcome.status, outcome.error = sent[outcome.digest.pk]


def finish(run: ReminderRun, outcomes=()) -> None:
    run.sent = sum(o.status == Digest.Status.SENT for o in outcomes)
    run.failed = sum(o.status == Digest.Status.FAILED for o in outcomes)
    run.finished_at = timezone.now()
    run.save(update_fields=["sent", "failed", "finished_at"])


def schedule_retry(digest_id: int) -> None:
    """Queue a retry once the current transaction (if any) has committed."""
    enqueue_after_commit("tasks.reminders.retry_digest", digest_id, countdown=120)


def resend_digest(*, digest_id: int) -> str:
    """Try a digest again after a temporary mail error; return its new status.

    Raises TransientMailError when the server refuses again for now, so the task backs off.
    """
    digest = Digest.objects.select_related("recipient", "run").filter(pk=digest_id).first()
    if digest is None or digest.status != Digest.Status.PENDING:
        return "nothing to do"
    outcome = DigestOutcome(digest, digest.status)
    items = load_reminders([outcome])
    connection = get_connection()
    try:
        send_chunk([outcome], items, connection)
    finally:
        connection.close()
    if outcome.status == Digest.Status.PENDING:
        raise TransientMailError(outcome.error)
    return outcome.status
