"""The demo instance runs on a day of its own world; everything reads "today" in one place."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from common import clock
from deliverables.models import Deliverable, Submission
from demo import data as demo_data
from demo.loading import load_demo
from meetings.models import ActionItem, Meeting
from portal.selectors import late_deliverables, upcoming_deadlines
from projects.models import Project
from projects.services import advance_project_statuses
from tests.factories import ProjectFactory

ROOT = Path(settings.BASE_DIR)
PRODUCT = ["common", "config", "deliverables", "meetings", "newsletters", "partners", "portal",
           "projects", "reminders", "tasks"]  # fmt: skip
PASSWORD = "demo-password-clock"


def test_today_is_the_demo_day_when_one_is_set(settings):
    settings.DEMO_TODAY = date(2018, 10, 15)
    assert clock.today() == date(2018, 10, 15)
    settings.DEMO_TODAY = None
    assert clock.today() == timezone.localdate()


def test_the_product_reads_today_only_through_the_clock():
    reads = re.compile(r"timezone\.localdate\(\)|date\.today\(\)|datetime\.now\(\)\.date\(\)")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in PRODUCT
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "common" / "clock.py" and reads.search(path.read_text())
    ]
    assert offenders == []


def test_bin_start_runs_the_demo_on_its_day():
    start = (ROOT / "bin" / "start").read_text()
    assert f'DEMO_TODAY="${{DEMO_TODAY-{demo_data.DEMO_TODAY.isoformat()}}}"' in start


@pytest.mark.django_db
def test_on_its_day_the_demo_world_is_alive(settings):
    settings.DEMO_TODAY = today = demo_data.DEMO_TODAY
    load_demo(password=PASSWORD)
    late = list(late_deliverables(today=today))
    assert late and all(0 < (today - d.due_date).days <= 14 for d in late)
    assert upcoming_deadlines(today=today).exists()
    late_actions = ActionItem.objects.filter(due_date__lt=today).exclude(status="done")
    assert late_actions.exists()
    assert Meeting.objects.filter(start_date__range=(today, date(2018, 11, 9))).count() >= 5
    assert set(Project.objects.values_list("status", flat=True)) == {"running"}
    # Nothing the demo approved is approved in its future.
    approved = Deliverable.objects.filter(status="approved")
    assert all(d.approved_at.date() <= today for d in approved)
    assert all(s.created_at.date() <= today for s in Submission.objects.all())


@pytest.mark.django_db
def test_the_demo_on_the_real_date_says_its_2018_projects_ended():
    load_demo(password=PASSWORD, today=date(2026, 11, 30))
    assert set(Project.objects.values_list("status", flat=True)) == {"ended"}


@pytest.mark.django_db
def test_a_projects_status_follows_its_dates_forwards_only():
    ahead = ProjectFactory(start_date=date(2019, 1, 1), end_date=date(2020, 12, 31),
                           status=Project.Status.IN_PREPARATION)  # fmt: skip
    over = ProjectFactory(start_date=date(2017, 1, 1), end_date=date(2018, 12, 31))
    reported = ProjectFactory(start_date=date(2016, 1, 1), end_date=date(2017, 12, 31),
                              status=Project.Status.FINAL_REPORT_SUBMITTED)  # fmt: skip
    assert advance_project_statuses(today=date(2018, 6, 1)) == 0
    assert advance_project_statuses(today=date(2019, 1, 1)) == 2
    statuses = {p.pk: p.status for p in Project.objects.all()}
    assert statuses == {ahead.pk: "running", over.pk: "ended", reported.pk: "final_report"}


def test_beat_moves_the_projects_every_night():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert "tasks.projects.advance_statuses" in {job["task"] for job in schedule.values()}
