from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from common.languages import mail_language
from deliverables.models import Deliverable
from partners.models import Person

pytestmark = pytest.mark.django_db

GREETINGS = {
    "en": "Hello", "fr": "Bonjour", "de": "Guten Tag", "es": "Hola", "it": "Gentile",
    "pt": "Caro(a)",
}  # fmt: skip


def test_on_23_november_2018_the_vademecum_lead_gets_her_7_day_reminder_in_french(demo):
    out = StringIO()
    call_command("send_reminders", "--date", "2018-11-23", stdout=out)
    vademecum = Deliverable.objects.get(project__acronym="COCADE", code="IO2")
    paris = Person.objects.get(partnerships__project=vademecum.project,
                               partnerships__organisation=vademecum.lead_organisation)  # fmt: skip
    [to_paris] = [m for m in mail.outbox if m.to == [paris.email]]
    assert "Vademecum" in to_paris.body and "dans 7 jours" in to_paris.body
    assert "30 novembre 2018" in to_paris.body

    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)), "one mail per person"
    for message in mail.outbox:
        person = Person.objects.get(email=message.to[0])
        greeting = GREETINGS[mail_language(person.preferred_language)]
        assert message.body.startswith(greeting), (person, person.preferred_language)
    assert f"<{paris.email}> (fr): sent" in out.getvalue()

    call_command("send_reminders", "--date", "2018-11-23", stdout=StringIO())
    assert len(mail.outbox) == len(recipients), "a second run the same day sends nothing"


def test_a_dry_run_on_the_demo_sends_nothing(demo):
    out = StringIO()
    call_command("send_reminders", "--date", "2018-11-23", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert "Would send for 2018-11-23" in out.getvalue()
    assert "elodie.bernard@example.org" in out.getvalue()
    call_command("send_reminders", "--date", "2018-11-23", stdout=StringIO())
    assert mail.outbox, "the dry run left the reminders to the real one"
