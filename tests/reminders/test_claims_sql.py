"""The reminder scan's SQL takes "open", roles and tables from the models, so a change there
reaches the scan too."""

import re
from datetime import date
from pathlib import Path

import pytest

import reminders.claims
from deliverables.models import Deliverable
from reminders.models import Reminder
from reminders.services import run_reminders

pytestmark = pytest.mark.django_db
DAY = date(2018, 11, 23)


def test_open_deliverables_are_those_the_model_calls_open(team, monkeypatch):
    team.deliverable.status = Deliverable.Status.IN_PROGRESS
    team.deliverable.save()
    monkeypatch.setattr(Deliverable, "OPEN_STATUSES", (Deliverable.Status.PLANNED,))
    run_reminders(day=DAY)
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    run_reminders(day=DAY)
    assert Reminder.objects.filter(item_id=team.deliverable.pk).exists()


def test_no_status_value_or_table_name_is_typed_out_in_the_scan():
    source = Path(reminders.claims.__file__).read_text()
    typed = re.findall(r"'(planned|in_progress|done|coordinator|off|lead|copy|owner)'", source)
    tables = re.findall(
        r"\b(?:partners_person|projects_\w+|deliverables_\w+|meetings_\w+|reminders_\w+)\b",
        source.replace("projects_by_leads", ""),
    )
    assert typed == [] and tables == []
