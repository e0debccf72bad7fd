"""Every fact of a newsletter period, read from the data in a fixed number of queries.

The counts of objectives and deliverables come from progress.selectors.project_progress, the
same function as the API's progress endpoint and the dashboard, so the numbers agree.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from deliverables.models import Deliverable
from meetings.models import Meeting
from partners.models import Person
from progress.selectors import ProjectProgress, project_progress
from projects.models import Objective, ObjectiveStatusChange, Partnership, Project

EVENT_KINDS = (Meeting.Kind.MULTIPLIER, Meeting.Kind.TRAINING)
# A project is announced with its kick-off (or first activity) when that comes within this time
# of its start, so a project starting on 31 December is announced with its January kick-off.
LAUNCH_WINDOW = timedelta(days=92)


# The kinds of notes of what the data lacked (newsletters.content_gaps puts them into words).
NO_CONTACT, NO_CITY, NO_VERSION = "no_contact", "no_city", "no_version"


@dataclass
class HeldMeeting:
    meeting: Meeting
    ordinal: int | None  # the fourth transnational project meeting; None for other kinds


@dataclass
class ProgressItem:
    project: Project
    progress: ProjectProgress
    held: list[HeldMeeting] = field(default_factory=list)
    achieved: list[Objective] = field(default_factory=list)
    almost: list[Objective] = field(default_factory=list)
    remaining: list[Objective] = field(default_factory=list)
    delivered: list[Deliverable] = field(default_factory=list)
    late: list[Deliverable] = field(default_factory=list)
    upcoming: list[Deliverable] = field(default_factory=list)
    next_events: list[Meeting] = field(default_factory=list)
    contact: Person | None = None

    @property
    def objectives_total(self) -> int:
        return len(self.achieved) + len(self.almost) + len(self.remaining)

    @property
    def has_news(self) -> bool:
        return bool(self.held or self.delivered)


@dataclass
class LaunchItem:
    project: Project
    other_partners: int
    countries: list[str]  # ISO codes of the other partners' countries
    kick_off: Meeting | None  # the kick-off, or else the first activity, once it is over
    contact: Person | None
    coordinator: object = None  # the coordinating Organisation, named with its country
    held: list[HeldMeeting] = field(default_factory=list)  # the period's other meetings


@dataclass
class NewsletterFacts:
    first: date
    last: date
    internal: list[Meeting]
    other: list[Meeting]
    progress: list[ProgressItem]
    launches: list[LaunchItem]
    gaps: list[list[str]]  # notes, put into words by newsletters.content_gaps

    @property
    def is_empty(self) -> bool:
        return not (self.internal or self.other or self.progress or self.launches)


def newsletter_facts(first: date, last: date, *, today: date) -> NewsletterFacts:
    """The period's facts as known on `today`, the drafting day: a meeting not over by then
    is on the agenda, never written as held."""
    meetings = list(
        Meeting.objects.between(first, last)
        .select_related("project", "host_organisation")
        .order_by("start_date", "title")
    )
    internal = [m for m in meetings if m.kind == Meeting.Kind.GOVERNANCE]
    other = [m for m in meetings if m.kind != Meeting.Kind.GOVERNANCE]

    projects = list(Project.objects.filter(start_date__lte=last, end_date__gte=first))
    ids = [p.pk for p in projects]
    progress = project_progress(ids, today=last)
    partnerships = defaultdict(list)
    for partnership in Partnership.objects.filter(project__in=ids).select_related("organisation"):
        partnerships[partnership.project_id].append(partnership)
    contacts = coordinator_contacts(ids)
    objectives = objectives_as_of(ids, last)
    deliverables = defaultdict(list)
    for deliverable in Deliverable.objects.filter(project__in=ids).select_related(
        "lead_organisation"
    ):
        deliverables[deliverable.project_id].append(deliverable)
    delivered_in_period = set(
        Deliverable.objects.filter(project__in=ids)
        .filter(
            Q(submissions__created_at__date__range=(first, last))
            | Q(approved_at__date__range=(first, last))
        )
        .values_list("pk", flat=True)
    )
    project_meetings = defaultdict(list)
    for meeting in Meeting.objects.filter(project__in=ids).select_related("host_organisation"):
        project_meetings[meeting.project_id].append(meeting)

    launches, items, gaps = [], [], []
    for project in sorted(projects, key=lambda p: p.acronym):
        contact = contacts.get(project.pk)
        if contact is None:
            gaps.append([NO_CONTACT, project.acronym])
        if first <= launch_day(project, project_meetings[project.pk]) <= last:
            launches.append(launch_item(
                project, partnerships[project.pk], project_meetings[project.pk], contact,
                first, last, today,
            ))  # fmt: skip
            continue
        item = progress_item(
            project, progress[project.pk], first, last, today, objectives[project.pk],
            deliverables[project.pk], delivered_in_period, project_meetings[project.pk], contact,
        )  # fmt: skip
        if item.has_news:
            items.append(item)
    gaps += [[NO_CITY, m.title, m.start_date.isoformat()] for m in meetings
             if not m.is_online and not m.city]  # fmt: skip
    return NewsletterFacts(first, last, internal, other, items, launches, gaps)


def coordinator_contacts(project_ids) -> dict[int, Person]:
    """The first contact, by name, of each project's coordinating organisation."""
    contacts = {}
    rows = (
        Partnership.contacts.through.objects.filter(
            partnership__project__in=project_ids, partnership__role=Partnership.Role.COORDINATOR
        )
        .select_related("person", "partnership")
        .order_by("person__last_name", "person_id")
    )
    for row in rows:
        contacts.setdefault(row.partnership.project_id, row.person)
    return contacts


def objectives_as_of(project_ids, day: date) -> dict[int, list[Objective]]:
    """Each project's objectives with the status they had at the end of `day`, from the history,
    so a period's draft says the same whenever it is generated again."""
    changes = defaultdict(list)
    for change in ObjectiveStatusChange.objects.filter(objective__project__in=project_ids).order_by(
        "changed_at", "pk"
    ):
        changes[change.objective_id].append(change)
    by_project = defaultdict(list)
    for objective in Objective.objects.filter(project__in=project_ids).order_by("number"):
        history = changes[objective.pk]
        before = [c for c in history if c.changed_at.date() <= day]
        after = [c for c in history if c.changed_at.date() > day]
        if before:
            objective.status = before[-1].to_status
        elif after:
            objective.status = after[0].from_status
        by_project[objective.project_id].append(objective)
    return by_project


def first_activity(meetings) -> Meeting | None:
    """The kick-off, or else the project's first meeting whose days are known."""
    known = sorted((m for m in meetings if m.dates_confirmed), key=lambda m: (m.start_date, m.pk))
    kick_offs = [m for m in known if m.kind == Meeting.Kind.KICK_OFF]
    return (kick_offs or known or [None])[0]


def launch_day(project, meetings) -> date:
    """The one day a project's launch is announced on, so exactly one issue carries it: its
    kick-off or first activity when that comes within LAUNCH_WINDOW of the start, else the
    start."""
    first = first_activity(meetings)
    if first is not None and project.start_date <= first.start_date <= (
        project.start_date + LAUNCH_WINDOW
    ):
        return first.start_date
    return project.start_date


def launch_item(project, partnerships, meetings, contact, first: date, last: date,
                today: date) -> LaunchItem:  # fmt: skip
    coordinators = [p for p in partnerships if p.role == Partnership.Role.COORDINATOR]
    others = [p for p in partnerships if p.role != Partnership.Role.COORDINATOR]
    countries = list(dict.fromkeys(p.organisation.country.code for p in others))
    coordinator = coordinators[0].organisation if coordinators else None
    kick_off = first_activity(meetings)
    if kick_off is not None and not kick_off.is_over(today):
        kick_off = None  # still to come: the agenda announces it
    held = [h for h in held_meetings(meetings, first, last, today) if h.meeting != kick_off]
    return LaunchItem(project, len(others), countries, kick_off, contact, coordinator, held)


def held_meetings(meetings, first: date, last: date, today: date) -> list[HeldMeeting]:
    """The project's meetings that began in the period and were over by `today`, in order;
    transnational project meetings numbered among themselves (the fourth coordination
    meeting), the other kinds not."""
    coordination = sorted((m for m in meetings if m.kind == Meeting.Kind.TRANSNATIONAL),
                          key=lambda m: (m.start_date, m.pk))  # fmt: skip
    return [
        HeldMeeting(m, coordination.index(m) + 1 if m in coordination else None)
        for m in sorted(meetings, key=lambda m: (m.start_date, m.pk))
        if first <= m.start_date <= last and m.is_over(today)
    ]


def progress_item(project, progress, first, last, today, objectives, deliverables,
                  delivered_ids, meetings, contact) -> ProgressItem:  # fmt: skip
    item = ProgressItem(project, progress, contact=contact)
    item.held = held_meetings(meetings, first, last, today)
    for meeting in sorted(meetings, key=lambda m: (m.start_date, m.pk)):
        if meeting.start_date > last and meeting.kind in EVENT_KINDS:
            item.next_events.append(meeting)
    item.next_events = item.next_events[:2]
    for objective in objectives:
        if objective.status == Objective.Status.ACHIEVED:
            item.achieved.append(objective)
        elif objective.status == Objective.Status.ALMOST_ACHIEVED:
            item.almost.append(objective)
        else:
            item.remaining.append(objective)
    for deliverable in sorted(deliverables, key=lambda d: (d.due_date, d.code)):
        if deliverable.pk in delivered_ids:
            item.delivered.append(deliverable)
        elif deliverable.is_late(last):
            item.late.append(deliverable)
        elif deliverable.is_open and deliverable.due_date > last:
            item.upcoming.append(deliverable)
    item.upcoming = item.upcoming[:3]
    return item
