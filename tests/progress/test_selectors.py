from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress.selectors import BARS_ONLY, NEXT_DEADLINES, project_progress
from tests.factories import (
    DeliverableFactory,
    MeetingFactory,
    ObjectiveFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2023, 6, 15)


def project_with_work(n_deliverables=3):
    project = ProjectFactory()
    lead = PartnershipFactory(project=project).organisation
    for number, status in enumerate(["achieved", "almost_achieved", "in_progress"], start=1):
        ObjectiveFactory(project=project, number=number, status=status)
    DeliverableFactory(project=project, lead_organisation=lead, due_date=date(2023, 1, 31))
    DeliverableFactory(
        project=project, lead_organisation=lead, due_date=date(2023, 2, 28), status="submitted"
    )
    for day in range(1, n_deliverables + 1):
        DeliverableFactory(project=project, lead_organisation=lead, due_date=date(2023, 7, day))
    MeetingFactory(project=project, start_date=date(2023, 3, 1), end_date=date(2023, 3, 2))
    MeetingFactory(project=project, start_date=date(2023, 5, 10), end_date=date(2023, 5, 11))
    MeetingFactory(project=project, start_date=date(2023, 9, 20), end_date=date(2023, 9, 21))
    MeetingFactory(project=project, start_date=date(2024, 1, 9), end_date=date(2024, 1, 9))
    return project


def test_progress_counts_objectives_and_deliverables_by_status():
    project = project_with_work()
    progress = project_progress([project.pk], today=TODAY)[project.pk]
    assert progress.objectives == {"achieved": 1, "almost_achieved": 1, "in_progress": 1}
    assert progress.objectives_total == 3
    assert progress.deliverables == {"planned": 4, "submitted": 1}
    assert progress.deliverables_late == 1  # the open one due in January


def test_progress_lists_the_next_deadlines_and_the_meetings_around_today():
    project = project_with_work(n_deliverables=7)
    progress = project_progress([project.pk], today=TODAY)[project.pk]
    assert [d.due_date.day for d in progress.next_deadlines] == [1, 2, 3, 4, 5]
    assert len(progress.next_deadlines) == NEXT_DEADLINES
    assert progress.last_meeting.start_date == date(2023, 5, 10)
    assert progress.next_meeting.start_date == date(2023, 9, 20)


def test_a_project_with_nothing_yet_has_empty_progress():
    project = ProjectFactory()
    progress = project_progress([project.pk], today=TODAY)[project.pk]
    assert progress.objectives_total == progress.deliverables_total == 0
    assert progress.next_meeting is progress.last_meeting is None
    assert progress.next_deadlines == []


def test_progress_costs_five_queries_for_one_project_or_forty():
    projects = [project_with_work() for _ in range(40)]
    with CaptureQueriesContext(connection) as one:
        project_progress([projects[0].pk], today=TODAY)
    with CaptureQueriesContext(connection) as forty:
        progress = project_progress([p.pk for p in projects], today=TODAY)
    assert len(one) == len(forty) == 5
    assert all(len(p.next_deadlines) == 3 for p in progress.values())


def test_the_bars_alone_cost_two_queries_and_count_the_same():
    project = project_with_work()
    full = project_progress([project.pk], today=TODAY)[project.pk]
    with CaptureQueriesContext(connection) as queries:
        bars = project_progress([project.pk], today=TODAY, **BARS_ONLY)[project.pk]
    assert len(queries) == 2
    assert (bars.objectives, bars.deliverables, bars.deliverables_late) == (
        full.objectives, full.deliverables, full.deliverables_late,
    )  # fmt: skip
    assert bars.next_deadlines == [] and bars.next_meeting is bars.last_meeting is None


def test_the_dashboard_asks_for_the_next_deadline_and_meeting_only():
    project = project_with_work()
    progress = project_progress([project.pk], today=TODAY, deadlines=1, last_meeting=False)
    assert [d.due_date for d in progress[project.pk].next_deadlines] == [date(2023, 7, 1)]
    assert progress[project.pk].next_meeting.start_date == date(2023, 9, 20)
    assert progress[project.pk].last_meeting is None
