"""Every link of a reminder e-mail opens, for the person it was sent to, a page of the tracker
they may use: never the admin, never a refusal."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client

from deliverables.models import Deliverable
from meetings.models import ActionItem, Meeting
from partners.models import Person
from reminders.services import run_reminders

pytestmark = pytest.mark.django_db
LINK = re.compile(r"""https?://[^\s"'<>)]+""")


def links_of(message) -> set[str]:
    parts = [message.body, *(content for content, _type in message.alternatives)]
    return {link for part in parts for link in LINK.findall(part)}


def days_that_remind_everyone(partner: Person) -> set:
    """Days on which the partner, the coordinator and the officer all have mail: the day after
    one of the partner's deliverables is due (late: to its lead, the coordinator and the
    officer's copy), two days before a meeting, the day an action item is due."""
    theirs = (
        Deliverable.objects.open()
        .filter(lead_organisation=partner.organisation, project__partnerships__contacts=partner)
        .order_by("due_date")
        .first()
    )
    meeting = Meeting.objects.filter(project=theirs.project).order_by("-start_date").first()
    item = ActionItem.objects.exclude(status="done").order_by("due_date").first()
    return {
        theirs.due_date + timedelta(days=1),
        meeting.start_date - timedelta(days=2),
        item.due_date,
    }


def test_a_partner_a_coordinator_and_an_officer_can_open_every_link_of_their_reminders():
    call_command("load_demo", stdout=StringIO())
    Person.objects.update(reminder_frequency="daily")
    Person.objects.filter(user__username="officer").update(wants_reminder_copies=True)
    partner = Person.objects.get(user__username="partner")
    for day in sorted(days_that_remind_everyone(partner)):
        run_reminders(day=day)

    site = urlparse(settings.SITE_URL).netloc
    opened = {}
    for message in mail.outbox:
        person = Person.objects.select_related("user").get(email=message.to[0])
        if person.user is None:
            continue  # no login: nothing to open as them
        reader = Client()
        reader.force_login(person.user)
        for link in links_of(message):
            url = urlparse(link)
            assert url.netloc == site
            assert not url.path.startswith("/admin/"), (person.user.username, link)
            page = reader.get(url.path)
            assert page.status_code == 200, (person.user.username, link, page.status_code)
            opened.setdefault(person.user.username, set()).add(url.path.split("/")[1])
    assert {"partner", "coordinator", "officer"} <= set(opened)
    # Deliverables (their submit form), a meeting's calendar file, a project, My work.
    assert {"deliverables", "meetings", "projects", "my-work"} <= set().union(*opened.values())


def test_the_html_part_is_in_the_language_of_the_mail(team):
    run_reminders(day=team.deliverable.due_date - timedelta(days=7))
    languages = {
        message.to[0]: re.search(r'<html lang="(\w+)"', message.alternatives[0][0]).group(1)
        for message in mail.outbox
    }
    assert languages == {team.lead.email: "fr"}
