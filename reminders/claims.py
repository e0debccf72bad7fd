"""The set-based scan: the reminders due on a day, claimed with INSERT … SELECT.

For every open item the scan finds the latest window it has reached on the day (see windows.py)
and inserts one reminder per recipient with ON CONFLICT DO NOTHING: a window already reminded
inserts nothing. A run after days without one thus reminds each item's latest window once,
never a burst of the missed ones.

Lead times differ per project, so each statement runs once per distinct set of lead times (a
handful), with the windows' dates worked out in Python as parameters; the only date arithmetic
left to the database, the weeks of lateness, is written for SQLite and PostgreSQL.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection

from projects.models import (
    DEFAULT_DEADLINE_REMINDER_DAYS,
    DEFAULT_MEETING_REMINDER_DAYS,
    FINAL_REPORT_DAYS_AFTER_END,
    Project,
)

CLOSED_PROJECT = "final_report"

INSERT = """
INSERT INTO reminders_reminder
    (kind, item_id, project_id, item_date, "window", recipient_id, role, created_at)
SELECT '{kind}', {item}.id, {project}, {date}, {window}, pe.id, '{role}', %s
FROM {source}
WHERE {where} AND pe.reminder_frequency <> 'off'
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


def claim(kind, item, project, date_column, audiences, day, now, groups, *, where, deadline=True):
    """Insert the reminders of one kind of item for every audience; return how many are new.

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
                kind=kind, item=item, project=project, date=date_column, window=window,
                role=audience.role, source=audience.source,
                where=f"{where} AND {in_projects(project, project_ids)}"
                f" AND {date_column} <= %s{since}",
            )  # fmt: skip
            params = [*window_params, now, until] + ([] if deadline else [day])
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                claimed += max(cursor.rowcount, 0)
    return claimed


def contacts_of(partnership_condition: str, project: str) -> str:
    return f"""JOIN projects_partnership pp ON pp.project_id = {project} {partnership_condition}
        JOIN projects_partnership_contacts pc ON pc.partnership_id = pp.id
        JOIN partners_person pe ON pe.id = pc.person_id"""


def officer_of(project: str) -> str:
    return f"""JOIN projects_project pr ON pr.id = {project}
        JOIN partners_person pe ON pe.user_id = pr.officer_id AND pe.wants_reminder_copies"""


def claim_deliverables(day: date, now: datetime) -> int:
    d = "deliverables_deliverable d "
    lead = contacts_of("AND pp.organisation_id = d.lead_organisation_id", "d.project_id")
    coordinator = contacts_of("AND pp.role = 'coordinator'", "d.project_id")
    audiences = [
        Audience("lead", d + lead),
        Audience("coordinator", d + coordinator, late_only=True),
        Audience("copy", d + officer_of("d.project_id")),
    ]
    groups = projects_by_leads("deadline_reminder_days", DEFAULT_DEADLINE_REMINDER_DAYS)
    return claim(
        "deliverable", "d", "d.project_id", "d.due_date", audiences, day, now, groups,
        where="d.status IN ('planned', 'in_progress')",
    )  # fmt: skip


def claim_action_items(day: date, now: datetime) -> int:
    a = "meetings_actionitem a JOIN meetings_meeting m ON m.id = a.meeting_id "
    audiences = [
        Audience("owner", a + "JOIN partners_person pe ON pe.id = a.owner_id"),
        Audience("copy", a + officer_of("m.project_id")),
    ]
    groups = projects_by_leads("deadline_reminder_days", DEFAULT_DEADLINE_REMINDER_DAYS)
    return claim(
        "action_item", "a", "m.project_id", "a.due_date", audiences, day, now, groups,
        where="a.status <> 'done'",
    )  # fmt: skip


def claim_meetings(day: date, now: datetime) -> int:
    m = "meetings_meeting m "
    audiences = [
        Audience(
            "participant",
            m + "JOIN meetings_meeting_participants mp ON mp.meeting_id = m.id "
            "JOIN partners_person pe ON pe.id = mp.person_id",
        ),
        Audience("participant", m + contacts_of("", "m.project_id")),
        Audience("copy", m + officer_of("m.project_id")),
    ]
    groups = projects_by_leads("meeting_reminder_days", DEFAULT_MEETING_REMINDER_DAYS)
    return claim(
        "meeting", "m", "m.project_id", "m.start_date", audiences, day, now, groups,
        where="TRUE", deadline=False,
    )  # fmt: skip


def claim_reports(day: date, now: datetime) -> None:
    """The interim report (before and on its date) and the final report (until it is
    submitted), to the coordinator's contacts and to officers who asked for copies."""
    from partners.models import Person
    from projects.models import Partnership

    from .models import Reminder
    from .windows import window_for

    projects = list(
        Project.objects.exclude(status=CLOSED_PROJECT).values(
            "pk", "interim_report_due", "end_date", "deadline_reminder_days", "officer_id"
        )
    )
    coordinators = defaultdict(list)
    for project_id, person_id in Partnership.contacts.through.objects.filter(
        partnership__role="coordinator", person__reminder_frequency__in=["daily", "weekly"]
    ).values_list("partnership__project_id", "person_id"):
        coordinators[project_id].append((person_id, "coordinator"))
    copies = dict(
        Person.objects.filter(wants_reminder_copies=True, user__isnull=False)
        .exclude(reminder_frequency="off")
        .values_list("user_id", "pk")
    )
    rows = []
    for project in projects:
        audience = list(coordinators[project["pk"]])
        if project["officer_id"] in copies:
            audience.append((copies[project["officer_id"]], "copy"))
        final_due = project["end_date"] + timedelta(days=FINAL_REPORT_DAYS_AFTER_END)
        for kind, due, deadline in [
            ("interim_report", project["interim_report_due"], False),
            ("final_report", final_due, True),
        ]:
            window = due and window_for(day, due, project["deadline_reminder_days"])
            if not window or (window.startswith("overdue") and not deadline):
                continue
            rows += [
                Reminder(
                    kind=kind, item_id=project["pk"], project_id=project["pk"], item_date=due,
                    window=window, recipient_id=person_id, role=role, created_at=now,
                )
                for person_id, role in audience
            ]  # fmt: skip
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def claim_all(day: date, now: datetime) -> None:
    """Record every reminder due on `day` that was not recorded before."""
    claim_deliverables(day, now)
    claim_action_items(day, now)
    claim_meetings(day, now)
    claim_reports(day, now)
