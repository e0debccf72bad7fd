import random
from datetime import UTC, date, datetime, timedelta

import pytest

from reminders.claims import claim_deliverables
from reminders.models import Reminder
from reminders.windows import window_for
from tests.factories import DeliverableFactory, PartnershipFactory, PersonFactory, ProjectFactory

DUE = date(2018, 11, 30)
LEADS = [30, 7, 1]


@pytest.mark.parametrize(
    ("day", "window"),
    [
        (date(2018, 10, 30), None),  # 31 days ahead: no window yet
        (date(2018, 10, 31), "before-30"),
        (date(2018, 11, 22), "before-30"),
        (date(2018, 11, 23), "before-7"),
        (date(2018, 11, 28), "before-7"),
        (date(2018, 11, 29), "before-1"),
        (date(2018, 11, 30), "due"),
        (date(2018, 12, 1), "overdue-0"),
        (date(2018, 12, 7), "overdue-0"),
        (date(2018, 12, 8), "overdue-1"),
        (date(2018, 12, 15), "overdue-2"),
    ],
)
def test_the_window_of_a_deadline_on_each_day(day, window):
    assert window_for(day, DUE, LEADS) == window


def test_meetings_are_reminded_only_before_they_start():
    assert window_for(date(2019, 1, 15), date(2019, 1, 29), [14, 2], deadline=False) == "before-14"
    assert window_for(date(2019, 1, 29), date(2019, 1, 29), [14, 2], deadline=False) is None


@pytest.mark.django_db
def test_the_database_scan_finds_the_same_windows_as_the_rule(django_db_blocker):
    """The SQL CASE and windows.window_for agree for dates all around the runs."""
    project = ProjectFactory(start_date=date(2018, 1, 1), end_date=date(2019, 12, 31),
                             deadline_reminder_days=[21, 5, 2])  # fmt: skip
    lead = PartnershipFactory(project=project)
    lead.contacts.add(PersonFactory(organisation=lead.organisation))
    rng = random.Random(7)
    deliverables = [
        DeliverableFactory(
            project=project, lead_organisation=lead.organisation,
            due_date=date(2018, 6, 1) + timedelta(days=rng.randrange(0, 120)),
        )
        for _ in range(60)
    ]  # fmt: skip
    for day in [date(2018, 6, 20), date(2018, 7, 14), date(2018, 8, 30)]:
        Reminder.objects.all().delete()
        claim_deliverables(day, datetime.now(UTC))
        found = dict(Reminder.objects.values_list("item_id", "window"))
        expected = {
            d.pk: window_for(day, d.due_date, [21, 5, 2])
            for d in deliverables
            if window_for(day, d.due_date, [21, 5, 2])
        }
        assert found == expected
