"""A digest's words do not change when the way it is rendered does: the text and HTML of an
English and a French reader's digest are compared with the mails as they were written before."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core import mail

from reminders.services import run_reminders
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"
DAY = date(2018, 12, 1)


def stable(text: str) -> str:
    """Ids and signed tokens change from one test database to the next; the words do not."""
    text = re.sub(r"/unsubscribe/[^\s\"<>]+", "/unsubscribe/TOKEN/", text)
    return re.sub(r"(?<!/)/\d+([/.])", r"/ID\1", text)


@pytest.fixture
def busy_team(team):
    """Every kind of line: due, late (and the coordinator's copy), a meeting, an action item, a
    report, the officer's copy, and a title that HTML must escape."""
    lead = team.lead.organisation
    DeliverableFactory(project=team.project, code="IO4", title="Guide <pilot> & “tools”",
                       lead_organisation=lead, due_date=date(2018, 12, 31))  # fmt: skip
    DeliverableFactory(project=team.project, code="IO5", title="Toolkit",
                       lead_organisation=lead, due_date=DAY)  # fmt: skip
    meeting = MeetingFactory(project=team.project, title="Kick-off", city="Lyon",
                             start_date=date(2018, 12, 8), end_date=date(2018, 12, 9))  # fmt: skip
    meeting.participants.add(team.lead, team.coordinator)
    ActionItemFactory(meeting=meeting, owner=team.coordinator, description="Book the room",
                      due_date=date(2018, 12, 2))  # fmt: skip
    officer = PersonFactory(user=UserFactory(), wants_reminder_copies=True, first_name="Olga")
    team.project.officer = officer.user
    team.project.interim_report_due = date(2018, 12, 31)
    team.project.save()
    return team


@pytest.mark.parametrize("reader", ["lead", "coordinator"])  # French, English
def test_a_digest_reads_as_it_always_did(busy_team, reader):
    person = getattr(busy_team, reader)
    run_reminders(day=DAY)
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    html, _kind = message.alternatives[0]
    written = f"Subject: {message.subject}\n\n{message.body}\n-----\n{html}"
    golden = GOLDEN / f"digest-{reader}.txt"
    assert stable(written) == golden.read_text()
