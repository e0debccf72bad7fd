"""One reminder run over 100,000 deliverables and 5,000 people, against a raw SQL claim.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.reminders_run

Prints the time and queries of a full run (claims, digests, sending to a dummy mail backend),
in this process and in batches sent by one and by two Celery worker processes (on REDIS_URL's
Redis, else the embedded broker), of its claim alone, of a hand-written INSERT … SELECT … ON
CONFLICT DO NOTHING that claims the same rows, the peak memory of the run, and an immediate
second run.
"""

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from bench.harness import machine, scratch_database, setup_django

DAY = date(2024, 3, 12)  # a Tuesday: weekly readers wait for Monday

RAW_CLAIM = """
INSERT INTO reminders_reminder
    (kind, item_id, project_id, item_date, "window", recipient_id, role, created_at)
SELECT 'deliverable', d.id, d.project_id, d.due_date, w.name, pc.person_id, w.role, now()
FROM deliverables_deliverable d
JOIN projects_project pr ON pr.id = d.project_id
JOIN LATERAL (
    SELECT CASE
        WHEN d.due_date > %(day)s THEN 'before-' || (
            SELECT min(lead::int) FROM jsonb_array_elements_text(pr.deadline_reminder_days) lead
            WHERE lead::int >= d.due_date - %(day)s)
        WHEN d.due_date = %(day)s THEN 'due'
        ELSE 'overdue-' || ((%(day)s - d.due_date - 1) / 7)
    END AS name, r.role
    FROM (VALUES ('lead'), ('coordinator')) AS r(role)
) w ON w.name IS NOT NULL
JOIN projects_partnership pp ON pp.project_id = d.project_id AND (
    (w.role = 'lead' AND pp.organisation_id = d.lead_organisation_id)
    OR (w.role = 'coordinator' AND pp.role = 'coordinator' AND d.due_date < %(day)s))
JOIN projects_partnership_contacts pc ON pc.partnership_id = pp.id
JOIN partners_person pe ON pe.id = pc.person_id AND pe.reminder_frequency <> 'off'
WHERE d.status IN ('planned', 'in_progress') AND pr.status <> 'final_report'
ON CONFLICT DO NOTHING
"""


def build(projects: int, people_per_project: int, deliverables: int) -> None:
    from deliverables.models import Deliverable
    from partners.models import Organisation, Person
    from projects.models import Partnership, Project

    rng = random.Random(2024)
    Project.objects.bulk_create(
        Project(acronym=f"P{i}", title=f"Project {i}", action="KA220-VET",
                start_date=date(2020, 1, 1), end_date=date(2028, 12, 31))
        for i in range(projects)
    )  # fmt: skip
    project_ids = list(Project.objects.values_list("pk", flat=True))
    count = projects * people_per_project
    Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i}", short_name=f"O{i}", country="FR")
        for i in range(count)
    )
    org_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    Person.objects.bulk_create(
        Person(first_name="Person", last_name=str(i), email=f"p{i}@example.org",
               organisation_id=org_ids[i], preferred_language=rng.choice(["en", "fr"]))
        for i in range(count)
    )  # fmt: skip
    person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    Partnership.objects.bulk_create(
        Partnership(project_id=project_ids[i // people_per_project], organisation_id=org_ids[i],
                    role="coordinator" if i % people_per_project == 0 else "partner")
        for i in range(count)
    )  # fmt: skip
    partnerships = list(
        Partnership.objects.order_by("organisation_id").values_list("pk", flat=True)
    )
    Partnership.contacts.through.objects.bulk_create(
        Partnership.contacts.through(partnership_id=partnerships[i], person_id=person_ids[i])
        for i in range(count)
    )
    statuses = ["planned", "in_progress", "submitted"]
    batch = []
    for i in range(deliverables):
        p = i % projects
        lead = org_ids[p * people_per_project + rng.randrange(people_per_project)]
        batch.append(Deliverable(
            project_id=project_ids[p], code=f"D{i}", title=f"Deliverable {i}",
            lead_organisation_id=lead, status=rng.choice(statuses),
            due_date=DAY + timedelta(days=rng.randrange(-400, 400)),
        ))  # fmt: skip
        if len(batch) == 10_000:
            Deliverable.objects.bulk_create(batch)
            batch = []
    Deliverable.objects.bulk_create(batch)


def timed(call):
    from django.db import connection, reset_queries

    connection.force_debug_cursor = True
    reset_queries()
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    reset_queries()
    return elapsed, queries, result


def clear_reminders():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE reminders_reminder, reminders_digest, reminders_reminderrun CASCADE"
        )


@contextmanager
def celery_workers(count: int):
    """`count` worker processes on a queue of their own, against this process's database, with
    a dummy mail backend; yields the queue's name once every worker is ready."""
    from django.conf import settings

    from common.databases import current_database_url

    queue = f"bench-{uuid.uuid4().hex}"
    folder = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(folder),
        # Workers keep their database connection from one task to the next, as a deployment
        # would (CONN_MAX_AGE): a new connection per batch costs a good part of a batch.
        "DATABASE_URL": f"{current_database_url()}?conn_max_age=600",
        "EMAIL_URL": "dummymail://",
        "DEBUG": "false",
    }
    workers = []
    for n in range(count):
        log = folder / f"worker-{n}.log"
        workers.append((log, subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
             "--queues", queue, "--hostname", f"{queue}-{n}@%h", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
            cwd=settings.BASE_DIR, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )))  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not all("ready." in log.read_text() for log, _ in workers):
            assert time.monotonic() < deadline, "the Celery workers did not start"
            time.sleep(0.2)
        yield queue
    finally:
        for _, worker in workers:
            worker.terminate()
        for _, worker in workers:
            worker.wait(timeout=30)


def run_on_workers(day: date, queue: str):
    """The run as the daily task does it, its batches sent by the workers; returns once every
    digest is sent or failed."""
    from reminders.models import ReminderRun
    from reminders.services import run_reminders

    report = run_reminders(day=day, in_batches=True, queue=queue)
    # Finished, not merely with nothing left to send: the last batch adds its count to the
    # run's before it marks the run finished.
    run = ReminderRun.objects.filter(pk=report.run.pk)
    while not run.filter(finished_at__isnull=False).exists():
        time.sleep(0.05)
    return run.get()


def measure(day: date = DAY, rounds: int = 3) -> dict:
    """Time the reminder run on the data in the database; everything it writes is cleared.

    The runs on Celery workers are timed `rounds` times each, taking turns with the raw claim;
    the figures are medians, and the raw claim's is the median of every one of its runs."""
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from reminders.claims import claim_all, claim_deliverables
    from reminders.models import Reminder
    from reminders.services import run_reminders

    assert connection.vendor == "postgresql", "run the benchmark on PostgreSQL"
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    raw, _, _ = timed(lambda: connection.cursor().execute(RAW_CLAIM, {"day": day}))
    raw_rows = Reminder.objects.count()
    clear_reminders()
    # The raw statement claims deliverables only; so does this, for a like-for-like ratio.
    claim, claim_queries, _ = timed(lambda: claim_deliverables(day, timezone.now()))
    claim_rows = Reminder.objects.count()
    clear_reminders()
    every_kind, _, _ = timed(lambda: claim_all(day, timezone.now()))
    every_kind_rows = Reminder.objects.count()
    clear_reminders()

    full, full_queries, report = timed(lambda: run_reminders(day=day))
    again, again_queries, second = timed(lambda: run_reminders(day=day))
    raws, on_workers = [raw], {1: [], 2: []}
    with celery_workers(1) as one, celery_workers(2) as two:
        queues = {1: one, 2: two}
        # A first run warms each worker (URLs, templates, catalogues), as the days before warm
        # a worker that stays up; the next are timed. The raw claim, one worker and two take
        # turns, so a change in the machine's load falls on all three alike.
        for queue in queues.values():
            clear_reminders()
            run_on_workers(day, queue)
        for _ in range(rounds):
            clear_reminders()
            raws.append(timed(lambda: connection.cursor().execute(RAW_CLAIM, {"day": day}))[0])
            for count, queue in queues.items():
                clear_reminders()
                elapsed, _, run = timed(lambda q=queue: run_on_workers(day, q))
                on_workers[count].append((elapsed, run.sent))
    raw = statistics.median(raws)
    on_workers = {
        count: {
            "s": statistics.median(s for s, _ in samples),
            "sent": min(sent for _, sent in samples),
            "ratio": statistics.median(s for s, _ in samples) / raw,
        }
        for count, samples in on_workers.items()
    }
    # Memory is measured on a run of its own: tracing allocations slows Python down.
    clear_reminders()
    tracemalloc.start()
    run_reminders(day=day)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    clear_reminders()
    return {
        "raw_s": raw, "raw_rows": raw_rows, "claim_s": claim, "claim_queries": claim_queries,
        "claim_rows": claim_rows, "claim_ratio": claim / raw, "every_kind_s": every_kind,
        "every_kind_rows": every_kind_rows, "full_s": full,
        "full_queries": full_queries, "claimed": report.run.claimed, "sent": report.run.sent,
        "full_ratio": full / raw, "raw_runs": len(raws), "rounds": rounds, "peak_mb": peak / 2**20,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "again_s": again, "again_queries": again_queries, "again_claimed": second.run.claimed,
        "again_sent": second.run.sent, "workers": on_workers,
    }  # fmt: skip


def describe(r: dict) -> list[str]:
    return [
        f"  raw SQL claim:   {r['raw_s']:7.2f} s, {r['raw_rows']} reminders",
        f"  our claim:       {r['claim_s']:7.2f} s, {r['claim_queries']} queries, "
        f"{r['claim_rows']} reminders, ratio {r['claim_ratio']:.2f} to the raw claim",
        f"  every kind:      {r['every_kind_s']:7.2f} s, {r['every_kind_rows']} reminders "
        "(deliverables, action items, meetings, reports)",
        f"  full run:        {r['full_s']:7.2f} s, {r['full_queries']} queries, {r['claimed']} "
        f"reminders, {r['sent']} e-mails; ratio {r['full_ratio']:.2f} to the raw claim",
        *(
            f"  {n} worker{'s' * (n > 1)}:       {w['s']:7.2f} s, {w['sent']} e-mails sent in "
            f"batches; ratio {w['ratio']:.2f} to the raw claim "
            f"(medians of {r['rounds']} turns, the raw claim's of {r['raw_runs']} runs)"
            for n, w in r["workers"].items()
        ),
        f"  2 workers take {r['workers'][2]['s'] / r['workers'][1]['s']:.2f}× the time of one",
        f"  peak memory:     {r['peak_mb']:7.1f} MB allocated by the run (tracemalloc), "
        f"{r['rss_mb']:.0f} MB process peak RSS",
        f"  second run:      {r['again_s']:7.2f} s, {r['again_queries']} queries, "
        f"{r['again_claimed']} new reminders, {r['again_sent']} e-mails",
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliverables", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=5_000)
    args = parser.parse_args(argv)
    setup_django()

    projects = args.people // 5
    with scratch_database():
        start = time.perf_counter()
        build(projects, 5, args.deliverables)
        print(f"Built {projects} projects, {args.people} people, {args.deliverables} deliverables "
              f"in {time.perf_counter() - start:.1f} s ({machine()})")  # fmt: skip
        print("\n".join(describe(measure())))


if __name__ == "__main__":
    main()
