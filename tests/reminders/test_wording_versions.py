"""A digest in each reader's language shows the titles and places entered in that language,
else the original, and the budget's lines: the text and HTML of a coordinator's and a lead's
digest, in English and in French, are compared with the mails as they were written before."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from grants.services import save_headings_budget
from reminders.services import run_reminders
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    paid_by_headings,
)
from tests.reminders.test_wording import GOLDEN, stable

pytestmark = pytest.mark.django_db
DAY = date(2018, 12, 1)


@pytest.fixture
def translated_team(team, officer):
    """Lines of every kind, some with a French version and some without, and a budget line."""
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
    team.deliverable.title_fr = "Vade-mecum <FR> & co"
    team.deliverable.save()
    lead = team.lead.organisation
    DeliverableFactory(project=project, code="IO4", title="Guide & “tools”", title_fr="",
                       lead_organisation=lead, due_date=date(2018, 12, 31))  # fmt: skip
    meeting = MeetingFactory(project=project, title="Kick-off", title_fr="Lancement",
                             venue="Town hall", venue_fr="Mairie", city="Lyon",
                             start_date=date(2018, 12, 8), end_date=date(2018, 12, 8))  # fmt: skip
    meeting.participants.add(team.lead, team.coordinator)
    unconfirmed = MeetingFactory(project=project, title="Final <event>", is_online=True,
                                 dates_confirmed=False, start_date=date(2019, 1, 1),
                                 end_date=date(2019, 1, 1))  # fmt: skip
    unconfirmed.participants.add(team.lead, team.coordinator)
    for owner in (team.lead, team.coordinator):
        ActionItemFactory(meeting=meeting, owner=owner, description="Book the <room> & bus",
                          due_date=date(2018, 11, 20))  # fmt: skip
    project.interim_report_due = date(2018, 12, 31)
    project.meeting_reminder_days = [40, 14, 2]  # the month-only meeting too
    project.save()
    return team


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("reader", ["lead", "coordinator"])
def test_a_digest_reads_each_version_as_it_always_did(translated_team, reader, language):
    person = getattr(translated_team, reader)
    person.preferred_language = language
    person.save()
    run_reminders(day=DAY)
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    html, _kind = message.alternatives[0]
    written = f"Subject: {message.subject}\n\n{message.body}\n-----\n{html}"
    golden = GOLDEN / f"digest-versions-{reader}-{language}.txt"
    assert stable(written) == golden.read_text()
