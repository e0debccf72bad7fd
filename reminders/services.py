"""The reminder run: claim what is due, gather one digest per person, send each exactly once."""

import logging
import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, transaction
from django.db import connection as database
from django.db.models import Count, Exists, F, OuterRef, Q
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
from .rows import DigestRow, ReminderRow, digest_rows, reminder_rows

logger = logging.getLogger(__name__)
MONDAY = 0
REMINDED_PROJECTS = [s for s in Project.Status.values if s != Project.Status.FINAL_REPORT_SUBMITTED]


@dataclass
class DigestOutcome:
    digest: DigestRow
    status: str
    error: str = ""
    reminders: list[ReminderRow] = field(default_factory=list)  # held only while it is handled
    summary: list[str] = field(default_factory=list)  # one line per reminder, for the report


@dataclass
class RunReport:
    run: ReminderRun
    outcomes: list[DigestOutcome] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    dry_run: bool = False


class _DryRun(Exception):
    """Raised inside the run's transaction to roll a dry run back."""


def run_reminders(
    *,
    day: date,
    dry_run: bool = False,
    in_batches: bool = False,
    queue: str | None = None,
    summaries: bool = False,
) -> RunReport:
    """Send every reminder due on `day` that was not sent before, one digest per person.

    With dry_run the same work is done and shown, then rolled back: nothing is recorded, nothing
    is sent. With in_batches the digests are handed, once the claims are committed, to one task
    per batch (on `queue`, the default one if None) that any worker may take, so more workers
    send faster; the run's counts then grow as the batches finish. Without it, this process
    sends them all before returning. With summaries each outcome lists its reminders.
    """
    report = RunReport(run=ReminderRun(day=day), dry_run=dry_run)
    try:
        with transaction.atomic():
            prepare_run(report, day)
            if dry_run:
                for block in chunks(report.outcomes, LOAD_CHUNK):
                    load_reminders(block, summaries=summaries)
                    for outcome in block:
                        outcome.status, outcome.reminders = "would be sent", []
                raise _DryRun
            if in_batches:
                queue_batches(report, queue)
    except _DryRun:
        return report
    if not in_batches:
        send_digests(report.outcomes, summaries=summaries)
        finish(report.run, report.outcomes)
    return report


def prepare_run(report: RunReport, day: date) -> None:
    now = timezone.now()
    run = report.run
    run.save()
    claim_all(day, now, run.pk)
    # Every reminder the claims recorded names this run, which the index on (run, recipient)
    # counts without reading the whole, ever-growing table.
    run.claimed = Reminder.objects.filter(run=run).count()
    recover_stale_digests(now)
    gather_digests(run, day)
    report.gaps = find_gaps(run, day)
    run.gaps = "\n".join(report.gaps)
    digests = Digest.objects.filter(status=Digest.Status.PENDING)
    report.outcomes = [DigestOutcome(digest, digest.status) for digest in digest_rows(digests)]
    run.digests = len(report.outcomes)
    run.save()


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_reminders(outcomes: list[DigestOutcome], *, summaries: bool = False) -> Items:
    """Fetch the reminders of these digests and the items they name, a query per kind, and
    with summaries note them for the report."""
    by_digest = {outcome.digest.pk: outcome for outcome in outcomes}
    reminders = reminder_rows(by_digest)
    # The budget's lines are figured on the run's day, as they were when claimed.
    items = Items(reminders, day=outcomes[0].digest.day if outcomes else None)
    for reminder in reminders:
        outcome = by_digest[reminder.digest_id]
        outcome.reminders.append(reminder)
        if summaries:
            outcome.summary.append(describe(reminder, items))
    return items


def gather_digests(run: ReminderRun, day: date) -> None:
    """Give every person with reminders in this run one digest of it.

    The run's claims put its reminders in it; a weekly reader's wait for Monday, when this
    takes them with everything else still waiting. Waiting reminders are taken with one
    conditional UPDATE (no run yet), so a run happening at the same moment cannot take them
    too.
    """
    # Who is not reminded today: weekly readers but on Mondays; whoever turned reminders off,
    # whose waiting reminders then wait for good.
    not_today = [Person.Frequency.OFF]
    if day.weekday() != MONDAY:
        not_today.append(Person.Frequency.WEEKLY)
    # A subquery, not a join: a join makes Django write "id IN (SELECT …)", whose run_id IS
    # NULL PostgreSQL does not check again on a row another run has just taken and committed.
    held = Q(recipient__in=Person.objects.filter(reminder_frequency__in=not_today))
    if day.weekday() != MONDAY:
        Reminder.objects.filter(held, run=run).update(run=None)
    Reminder.objects.filter(run__isnull=True).exclude(held).update(run=run)
    make_digests(run)
    Digest.objects.filter(run=run, recipient__email="").update(
        status=Digest.Status.SKIPPED, last_error="The person has no e-mail address."
    )


# The columns of a new digest given their model's default; those left out (claimed_at, sent_at)
# are empty, as their model's default is.
DIGEST_DEFAULTS = ("status", "attempts", "last_error")


def make_digests(run: ReminderRun) -> None:
    """One digest of `run` for each recipient of its reminders, made by the database: built in
    Python first, ten thousand of them took twice as long as the statement itself. The new
    rows take the model's defaults."""
    defaults = {name: Digest._meta.get_field(name).get_default() for name in DIGEST_DEFAULTS}
    with database.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Digest._meta.db_table} (run_id, recipient_id, created_at, "
            f"{', '.join(defaults)}) SELECT DISTINCT %s, recipient_id, %s, "
            f"{', '.join(['%s'] * len(defaults))} FROM {Reminder._meta.db_table} WHERE run_id = %s",
            [run.pk, timezone.now(), *defaults.values(), run.pk],
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


# Digests are claimed a chunk at a time (one commit per chunk) and each is recorded as sent
# before the next is handed to the server: a worker stopped mid-chunk leaves one e-mail in
# doubt, at most (see recover_stale_digests).
CHUNK = 20
# Reminders and the items they name are loaded for this many digests at a time, so memory stays
# flat however many people a run reaches.
LOAD_CHUNK = 200
# A run sent in batches is cut into about BATCHES tasks, so that as many workers can share it,
# of at least MIN_BATCH digests: each batch costs a task, its own queries and its own rendering
# of what its digests share, a third of a 10,000-mail run's time in batches of 50. MAX_BATCH
# keeps a batch within a third of a task's soft time limit (600 s) at a second a mail, a slow
# mail server's pace.
BATCHES = 32
MIN_BATCH = 50
MAX_BATCH = 200


def batch_size(digests: int) -> int:
    return min(MAX_BATCH, max(MIN_BATCH, math.ceil(digests / BATCHES)))


def queue_batches(report: RunReport, queue: str | None) -> None:
    """Queue a task per batch of the run's pending digests, once the claims have committed."""
    ids = [o.digest.pk for o in report.outcomes if o.status == Digest.Status.PENDING]
    options = {"queue": queue} if queue else {}
    for batch in chunks(ids, batch_size(len(ids))):
        enqueue_after_commit("tasks.reminders.send_digest_batch", report.run.pk, batch, **options)
    if not ids:
        finish(report.run)


def send_batch(*, run_id: int, digest_ids: list[int]) -> dict:
    """Send those of these digests that are still pending and add the outcome to the run's
    counts; a batch taken twice (a broker's redelivery) finds nothing left to send."""
    digests = digest_rows(Digest.objects.filter(pk__in=digest_ids, status=Digest.Status.PENDING))
    outcomes = [DigestOutcome(digest, digest.status) for digest in digests]
    send_digests(outcomes)
    counts = {
        "sent": sum(o.status == Digest.Status.SENT for o in outcomes),
        "failed": sum(o.status == Digest.Status.FAILED for o in outcomes),
    }
    ReminderRun.objects.filter(pk=run_id).update(
        sent=F("sent") + counts["sent"], failed=F("failed") + counts["failed"]
    )
    finish_runs_left_nothing_to_send({run_id, *(o.digest.run_id for o in outcomes)})
    return counts


def finish_runs_left_nothing_to_send(run_ids) -> None:
    """Mark finished those of these runs none of whose digests is still to be sent.

    Batches finish in any order on any worker, and a later run's batch may send an earlier
    run's digests (a run takes every pending digest): the earlier run's own batch then finds
    them being sent by another and cannot say the run finished. So each batch, once its own
    marks have committed, looks at every run whose digests it held; the last mark of a run is
    always followed by such a look, which sees it.
    """
    unsent = Digest.objects.filter(
        Q(status=Digest.Status.SENDING) | Q(status=Digest.Status.PENDING, attempts=0),
        run=OuterRef("pk"),
    )
    ReminderRun.objects.filter(pk__in=run_ids, finished_at__isnull=True).exclude(
        Exists(unsent)
    ).update(finished_at=timezone.now())


def send_digests(outcomes: list[DigestOutcome], *, summaries: bool = False) -> None:
    """Send these digests over one connection, each claimed before it is sent; queue a retry
    for those the mail server refused for now."""
    pending = [o for o in outcomes if o.status == Digest.Status.PENDING]
    connection = get_connection()
    try:
        with commits_without_waiting_for_disk():
            for block in chunks(pending, LOAD_CHUNK):
                items = load_reminders(block, summaries=summaries)
                for chunk in chunks(block, CHUNK):
                    send_chunk(chunk, items, connection)
                for outcome in block:
                    outcome.reminders = []
    finally:
        connection.close()
    for outcome in pending:
        if outcome.status == Digest.Status.PENDING:  # a temporary error: try again later
            schedule_retry(outcome.digest.pk)


@contextmanager
def commits_without_waiting_for_disk():
    """Claims and "sent" marks are committed without waiting for PostgreSQL to flush them to
    disk: waiting took longer than rendering and sending a digest. They are seen by every other
    worker at once, and a worker killed at any moment loses none of them; only a crash of the
    database server itself may lose the last fraction of a second of them, and the digests they
    marked then go out again with the same Message-ID, as after a stopped worker."""
    if database.vendor != "postgresql":
        yield
        return
    with database.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with database.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:
            pass  # a broken session has nothing to reset; what broke it goes on


def send_chunk(outcomes: list[DigestOutcome], items: Items, connection) -> None:
    """Claim these digests and send those this worker won (common/mailing.py)."""
    builders = {o.digest.pk: partial(build_message, o.digest, o.reminders, items) for o in outcomes}
    sent = send_claimed(
        Digest, builders, connection=connection, max_attempts=settings.REMINDER_MAX_ATTEMPTS
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
    digest = next(iter(digest_rows(Digest.objects.filter(pk=digest_id))), None)
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
