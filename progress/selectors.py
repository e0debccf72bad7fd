"""The progress of projects, read once for the API, the pages and the newsletter alike.

Everything here runs a fixed number of queries whatever the number of projects, so a dashboard
of 200 projects costs the same round trips as one project.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from deliverables.models import Deliverable, late_deliverable
from meetings.models import Meeting
from projects.models import Objective

NEXT_DEADLINES = 5
# What the progress bars need: the counts, without deadlines or meetings.
BARS_ONLY = {"deadlines": 0, "next_meeting": False, "last_meeting": False}


@dataclass
class ProjectProgress:
    project_id: int
    objectives: Counter = field(default_factory=Counter)  # status -> count
    deliverables: Counter = field(default_factory=Counter)  # status -> count
    deliverables_late: int = 0
    next_deadlines: list[Deliverable] = field(default_factory=list)
    next_meeting: Meeting | None = None
    last_meeting: Meeting | None = None

    @property
    def objectives_total(self) -> int:
        return sum(self.objectives.values())

    @property
    def deliverables_total(self) -> int:
        return sum(self.deliverables.values())


def _first_per_project(queryset, order_by, limit: int):
    ranked = queryset.annotate(
        rank=Window(RowNumber(), partition_by=[F("project_id")], order_by=order_by)
    )
    return ranked.filter(rank__lte=limit)


def project_progress(
    project_ids,
    *,
    today: date,
    deadlines: int = NEXT_DEADLINES,
    next_meeting: bool = True,
    last_meeting: bool = True,
) -> dict[int, ProjectProgress]:
    """The progress of each project: objectives and deliverables by status, what is late, the
    next `deadlines` deadlines and the meetings just before and after `today`. Five queries in
    all, two when only the counts are asked for.

    A page that draws only the progress bars asks for no deadline and no meeting: the three
    ranked queries were half of the project page's queries' cost for nothing it shows."""
    project_ids = list(project_ids)
    progress = {pk: ProjectProgress(project_id=pk) for pk in project_ids}

    objective_counts = (
        Objective.objects.filter(project_id__in=project_ids)
        .values_list("project_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for project_id, status, n in objective_counts:
        progress[project_id].objectives[status] = n

    late = late_deliverable(today)
    deliverable_counts = (
        Deliverable.objects.filter(project_id__in=project_ids)
        .values_list("project_id", "status")
        .annotate(n=Count("pk"), late=Count("pk", filter=late))
        .order_by()
    )
    for project_id, status, n, late_count in deliverable_counts:
        progress[project_id].deliverables[status] = n
        progress[project_id].deliverables_late += late_count

    if deadlines:
        upcoming = Deliverable.objects.open().filter(
            project_id__in=project_ids, due_date__gte=today
        )
        for deliverable in _first_per_project(
            upcoming.select_related("lead_organisation"), [F("due_date"), F("code")], deadlines
        ).order_by("due_date", "code"):
            progress[deliverable.project_id].next_deadlines.append(deliverable)

    meetings = Meeting.objects.filter(project_id__in=project_ids)
    if next_meeting:
        ahead = _first_per_project(
            meetings.filter(end_date__gte=today), [F("start_date"), F("pk")], 1
        )
        for meeting in ahead:
            progress[meeting.project_id].next_meeting = meeting
    if last_meeting:
        past = _first_per_project(
            meetings.filter(end_date__lt=today), [F("end_date").desc(), F("pk").desc()], 1
        )
        for meeting in past:
            progress[meeting.project_id].last_meeting = meeting
    return progress
