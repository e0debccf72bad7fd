"""The set-based scan: the reminders due on a day, claimed with INSERT … SELECT.

For every open item the scan finds the latest window it has reached on the day (see windows.py)
and inserts one reminder per recipient with ON CONFLICT DO NOTHING: a window already reminded
inserts nothing. A run after days without one thus reminds each item's latest window once,
never a burst of the missed ones. Each reminder is inserted naming the run that claims it, which
puts it in that run's digest for its recipient (models.py): written once, not written again to
be gathered.

Lead times differ per project, so each statement runs once per distinct set of lead times (a
handful), with the windows' dates worked out in Python as parameters; the only date arithmetic
left to the database, the weeks of lateness, is written for SQLite and PostgreSQL. Tables and
the values of statuses, roles and kinds come from the models, never typed out here.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection

from deliverables.models import Deliverable
from grants.earning import budget_figures
from meetings.models import ActionItem, Meeting
from partners.models import Person
from projects.models import (
    DEFAULT_DEADLINE_REMINDER_DAYS,
    DEFAULT_MEETING_REMINDER_DAYS,
    FINAL_REPORT_DAYS_AFTER_END,
    Partnership,
    Project,
)

from .models import Digest, Reminder
from .windows import window_for

CLOSED_PROJECT = Project.Status.FINAL_REPORT_SUBMITTED


def text(value: str) -> str:
    """A value of the models' choices as an SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def texts(values) -> str:
    return ", ".join(text(value) for value in values)


def table(model) -> str:
    return model._meta.db_table


PERSON = table(Person)
PARTNERSHIP = table(Partnership)
CONTACTS = table(Partnership.contacts.through)

INSERT = f"""
INSERT INTO {table(Reminder)}
    (kind, item_id, project_id, item_date, "window", recipient_id, role, created_at, run_id)
SELECT {{kind}}, {{item}}.id, {{project}}, {{date}}, {{window}}, pe.id, {{role}}, %s, %s
FROM {{source}}
WHERE {{where}} AND pe.reminder_frequency <> {text(Person.Frequency.OFF)}
ON CONFLICT DO NOTHING
"""


@dataclass(frozen=True)
class Audience:
    """Who hears of an item, as the SQL that joins them in (`pe` is the person)."""

    role: str
    source: str
    late_only: bool = False


def days_late_sql(day: date, column: str) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return f"(%s::date - {column})", [day]
    return f"CAST(julianday(%s) - julianday({column}) AS INTEGER)", [day]


def window_sql(day: date, leads, column: str, deadline: bool = True) -> tuple[str, list]:
    """A CASE naming the window `column` is in on `day`, as windows.window_for does."""
    branches, params = [], []
    leads = sorted(leads, reverse=True)
    for lead, nearer in zip(leads, [*leads[1:], 0], strict=True):
        branches.append(f"WHEN {column} > %s AND {column} <= %s THEN 'before-{lead}'")
        params += [day + timedelta(days=nearer), day + timedelta(days=lead)]
    if deadline:
        branches.append(f"WHEN {column} = %s THEN 'due'")
        params.append(day)
        late, late_params = days_late_sql(day, column)
        branches.append(f"WHEN {column} < %s THEN 'overdue-' || CAST(({late} - 1) / 7 AS TEXT)")
        params += [day, *late_params]
    return "CASE " + " ".join(branches) + " END", params


def projects_by_leads(field: str, default) -> dict[tuple[int, ...], list[int | None]]:
    """Open projects grouped by their lead times; None stands for items of no project."""
    groups = defaultdict(list)
    for pk, leads in Project.objects.exclude(status=CLOSED_PROJECT).values_list("pk", field):
        groups[tuple(leads)].append(pk)
    groups[tuple(default)].append(None)
    return groups


def in_projects(column: str, ids: list[int | None]) -> str:
    numbers = ", ".join(str(int(pk)) for pk in ids if pk is not None)
    clauses = [f"{column} IN ({numbers})"] if numbers else []
    if None in ids:
        clauses.append(f"{column} IS NULL")
    return "(" + " OR ".join(clauses) + ")"


def claim(
    kind, item, project, date_column, audiences, day, now, groups, *, where, deadline=True, run_id
):
    """Insert the reminders of one kind of item for every audience into run `run_id`'s digests
    (None: waiting for the next run to gather them); return how many are new.

    Deadlines are reminded before, on and after their date; meetings only before theirs.
    """
    claimed = 0
    for leads, project_ids in groups.items():
        window, window_params = window_sql(day, leads, date_column, deadline)
        horizon = day + timedelta(days=max(leads))
        for audience in audiences:
            until = day - timedelta(days=1) if audience.late_only else horizon
            since = "" if deadline else f" AND {date_column} > %s"
            statement = INSERT.format(
                kind=text(kind), item=item, project=project, date=date_column, window=window,
                role=text(audience.role), source=audience.source,
                where=f"{where} AND {in_projects(project, project_ids)}"
                f" AND {date_column} <= %s{since}",
            )  # fmt: skip
            params = [*window_params, now, run_id, until] + ([] if deadline else [day])
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                claimed += max(cursor.rowcount, 0)
    return claimed


def contacts_of(partnership_condition: str, project: str) -> str:
    return f"""JOIN {PARTNERSHIP} pp ON pp.project_id = {project} {partnership_condition}
        JOIN {CONTACTS} pc ON pc.partnership_id = pp.id
        JOIN {PERSON} pe ON pe.id = pc.person_id"""


def officer_of(project: str) -> str:
    return f"""JOIN {table(Project)} pr ON pr.id = {project}
        JOIN {PERSON} pe ON pe.user_id = pr.officer_id AND pe.wants_reminder_copies"""


def claim_deliverables(day: date, now: datetime, run_id: int | None = None) -> int:
    d = f"{table(Deliverable)} d "
    lead = contacts_of("AND pp.organisation_id = d.lead_organisation_id", "d.project_id")
    coordinator = contacts_of(f"AND pp.role = {text(Partnership.Role.COORDINATOR)}", "d.project_id")
    roles = Reminder.Role
    audiences = [
        Audience(roles.LEAD, d + lead),
        Audience(roles.COORDINATOR, d + coordinator, late_only=True),
        Audience(roles.COPY, d + officer_of("d.project_id")),
    ]
    groups = projects_by_leads("deadline_reminder_days", DEFAULT_DEADLINE_REMINDER_DAYS)
    return claim(
        Reminder.Kind.DELIVERABLE, "d", "d.project_id", "d.due_date", audiences, day, now,
        groups, where=f"d.status IN ({texts(Deliverable.OPEN_STATUSES)})", run_id=run_id,
    )  # fmt: skip


def claim_action_items(day: date, now: datetime, run_id: int | None = None) -> int:
    a = f"{table(ActionItem)} a JOIN {table(Meeting)} m ON m.id = a.meeting_id "
    audiences = [
        Audience(Reminder.Role.OWNER, a + f"JOIN {PERSON} pe ON pe.id = a.owner_id"),
        Audience(Reminder.Role.COPY, a + officer_of("m.project_id")),
    ]
    groups = projects_by_leads("deadline_reminder_days", DEFAULT_DEADLINE_REMINDER_DAYS)
    return claim(
        Reminder.Kind.ACTION_ITEM, "a", "m.project_id", "a.due_date", audiences, day, now,
        groups, where=f"a.status <> {text(ActionItem.Status.DONE)}", run_id=run_id,
    )  # fmt: skip


def claim_meetings(day: date, now: datetime, run_id: int | None = None) -> int:
    m = f"{table(Meeting)} m "
    participants = table(Meeting.participants.through)
    audiences = [
        Audience(
            Reminder.Role.PARTICIPANT,
            m + f"JOIN {participants} mp ON mp.meeting_id = m.id "
            f"JOIN {PERSON} pe ON pe.id = mp.person_id",
        ),
        Audience(Reminder.Role.PARTICIPANT, m + contacts_of("", "m.project_id")),
        Audience(Reminder.Role.COPY, m + officer_of("m.project_id")),
    ]
    groups = projects_by_leads("meeting_reminder_days", DEFAULT_MEETING_REMINDER_DAYS)
    return claim(
        Reminder.Kind.MEETING, "m", "m.project_id", "m.start_date", audiences, day, now, groups,
        where="TRUE", deadline=False, run_id=run_id,
    )  # fmt: skip


MOVED = "moved"


def claim_meeting_moves(day: date, now: datetime, run_id: int | None = None) -> None:
    """A meeting moved since it was reminded: what was not sent for its old date is dropped,
    and everyone already told of the old date is told of the new one, once per new date.

    Reminders are keyed by the meeting's date, so the new date's windows are claimed afresh
    by claim_meetings; only the old date's leftovers and the announcement are handled here.
    """
    meeting = table(Meeting)
    reminder = table(Reminder)
    digest = table(Digest)
    kind = text(Reminder.Kind.MEETING)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""DELETE FROM {reminder} WHERE kind = {kind}
            AND (run_id IS NULL OR EXISTS (SELECT 1 FROM {digest} d
                WHERE d.run_id = {reminder}.run_id AND d.recipient_id = {reminder}.recipient_id
                AND d.status = {text(Digest.Status.PENDING)}))
            AND NOT EXISTS (SELECT 1 FROM {meeting} m
                WHERE m.id = {reminder}.item_id AND m.start_date = {reminder}.item_date)"""
        )
        cursor.execute(
            f"""INSERT INTO {reminder}
                (kind, item_id, project_id, item_date, "window", recipient_id, role, created_at,
                run_id)
            SELECT DISTINCT {kind}, m.id, m.project_id, m.start_date, {text(MOVED)},
                r.recipient_id, r.role, %s, CAST(%s AS BIGINT) -- DISTINCT takes NULL for text
            FROM {reminder} r JOIN {meeting} m ON m.id = r.item_id
            JOIN {PERSON} pe ON pe.id = r.recipient_id
            WHERE r.kind = {kind} AND r.item_date <> m.start_date AND m.start_date > %s
                AND pe.reminder_frequency <> {text(Person.Frequency.OFF)}
            ON CONFLICT DO NOTHING""",
            [now, run_id, day],
        )


def coordinator_contacts() -> dict[int, list[tuple[int, str]]]:
    """Per project, the coordinator's contacts who receive reminders, with their role."""
    coordinators = defaultdict(list)
    for project_id, person_id in Partnership.contacts.through.objects.filter(
        partnership__role=Partnership.Role.COORDINATOR,
        person__reminder_frequency__in=[Person.Frequency.DAILY, Person.Frequency.WEEKLY],
    ).values_list("partnership__project_id", "person_id"):
        coordinators[project_id].append((person_id, Reminder.Role.COORDINATOR))
    return coordinators


def claim_budget_risks(day: date, now: datetime, run_id: int | None = None) -> None:
    """A budget line (a work package, a heading) turned at risk: its coordinator hears of it
    once per spell, the spell named by the day it began (a new risk after a recovery is told
    again)."""
    project_ids = Project.objects.exclude(status=CLOSED_PROJECT).filter(budget__isnull=False)
    figures = budget_figures(list(project_ids.values_list("pk", flat=True)), today=day)
    coordinators = coordinator_contacts()
    rows = [
        Reminder(
            kind=Reminder.Kind.BUDGET_AT_RISK, item_id=project_id, project_id=project_id,
            item_date=line.at_risk_since, window=budget_window(line), recipient_id=person_id,
            role=role, created_at=now, run_id=run_id,
        )
        for project_id, budget in figures.items()
        for line in budget.lines_at_risk()
        for person_id, role in coordinators[project_id]
    ]  # fmt: skip
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def budget_window(line) -> str:
    """Which line of the budget: risk-wp<id> for a work package, risk-<heading> otherwise."""
    return f"risk-wp{line.work_package_id}" if line.work_package_id else f"risk-{line.key}"


def claim_reports(day: date, now: datetime, run_id: int | None = None) -> None:
    """The interim report (before and on its date) and the final report (until it is
    submitted), to the coordinator's contacts and to officers who asked for copies."""
    projects = list(
        Project.objects.exclude(status=CLOSED_PROJECT).values(
            "pk", "interim_report_due", "end_date", "deadline_reminder_days", "officer_id"
        )
    )
    coordinators = coordinator_contacts()
    copies = dict(
        Person.objects.filter(wants_reminder_copies=True, user__isnull=False)
        .exclude(reminder_frequency=Person.Frequency.OFF)
        .values_list("user_id", "pk")
    )
    rows = []
    for project in projects:
        audience = list(coordinators[project["pk"]])
        if project["officer_id"] in copies:
            audience.append((copies[project["officer_id"]], Reminder.Role.COPY))
        final_due = project["end_date"] + timedelta(days=FINAL_REPORT_DAYS_AFTER_END)
        for kind, due, deadline in [
            (Reminder.Kind.INTERIM_REPORT, project["interim_report_due"], False),
            (Reminder.Kind.FINAL_REPORT, final_due, True),
        ]:
            window = due and window_for(day, due, project["deadline_reminder_days"])
            if not window or (window.startswith("overdue") and not deadline):
                continue
            rows += [
                Reminder(
                    kind=kind, item_id=project["pk"], project_id=project["pk"], item_date=due,
                    window=window, recipient_id=person_id, role=role, created_at=now,
                    run_id=run_id,
                )
                for person_id, role in audience
            ]  # fmt: skip
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def claim_all(day: date, now: datetime, run_id: int | None = None) -> None:
    """Record every reminder due on `day` that was not recorded before, in run `run_id`'s
    digests (None: waiting for the next run to gather them)."""
    claim_deliverables(day, now, run_id)
    claim_action_items(day, now, run_id)
    claim_meeting_moves(day, now, run_id)
    claim_meetings(day, now, run_id)
    claim_reports(day, now, run_id)
    claim_budget_risks(day, now, run_id)
