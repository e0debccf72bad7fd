"""A budget line that turns at risk is a line in the coordinator's digest, once per spell."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from grants.services import save_headings_budget
from reminders.models import Reminder
from reminders.services import run_reminders
from tests.factories import paid_by_headings

pytestmark = pytest.mark.django_db
DAY = date(2018, 12, 1)


@pytest.fixture
def budgeted(team, officer):
    project = paid_by_headings(team.project)
    project.eu_grant = Decimal("20000.00")
    project.save()
    save_headings_budget(
        user=officer,
        project_id=project.pk,
        amounts={
            ("outputs", team.coordinator.organisation_id): Decimal("10000"),
            ("outputs", team.lead.organisation_id): Decimal("10000"),
        },
    )
    return team


def budget_lines(person) -> list[str]:
    return [
        line
        for message in mail.outbox
        if message.to == [person.email]
        for line in message.body.splitlines()
        if "at risk since" in line or "menacés depuis" in line
    ]


def test_the_coordinator_hears_once_that_a_line_turned_at_risk(budgeted):
    run_reminders(day=DAY)
    assert budget_lines(budgeted.coordinator) == [
        "- Intellectual outputs: €20,000.00 at risk since 1 December 2018 (IO2 is 1 day late)"
    ]
    assert not budget_lines(budgeted.lead), "the coordinator's alone"
    mail.outbox.clear()
    run_reminders(day=DAY + timedelta(days=1))
    assert not budget_lines(budgeted.coordinator), "told once while the spell lasts"
    assert Reminder.objects.filter(kind=Reminder.Kind.BUDGET_AT_RISK).count() == 1


def test_the_line_links_to_the_budget_page(budgeted):
    run_reminders(day=DAY)
    [message] = [m for m in mail.outbox if m.to == [budgeted.coordinator.email]]
    assert f"/projects/{budgeted.project.pk}/budget/" in message.body


def test_nothing_at_risk_says_nothing(budgeted):
    run_reminders(day=DAY - timedelta(days=1))  # IO2 is due that day, not late yet
    assert not Reminder.objects.filter(kind=Reminder.Kind.BUDGET_AT_RISK).exists()
    assert not budget_lines(budgeted.coordinator)
