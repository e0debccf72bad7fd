"""Each concept has one definition that every reader uses: what "open" and "late" mean, a
person's meetings, a meeting's place and the status colours read the same on the pages, in the
API, the mails, the newsletter and the calendar."""

import re
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from rest_framework.test import APIClient

from common.colours import CSS_VARIABLES, STATUS_COLOURS
from newsletters import charts
from newsletters.templatetags.writing import place
from portal import timeline
from reminders.calendar import calendar_of
from reminders.digests import Items
from reminders.models import Reminder
from tests.factories import MeetingFactory

ROOT = Path(__file__).resolve().parent.parent
APPS = ["common", "partners", "projects", "deliverables", "meetings", "reminders",
        "newsletters", "portal"]  # fmt: skip
# reminders/claims.py writes the same rules as SQL for its set-based scan.
SQL_SCAN = {"reminders/claims.py"}

CODE, TEMPLATES = {".py"}, {".html", ".txt", ".md"}
# (concept, text that writes it, in which files, the files where it is defined)
DEFINITIONS = [
    ("open deliverables", "OPEN_STATUSES", CODE,
     {"deliverables/models.py", "deliverables/serializers.py"}),
    ("open action items", "Status.DONE", CODE, {"meetings/models.py", "meetings/services.py"}),
    ("late", "< today", TEMPLATES, set()),
    ("open", '"in_progress"', TEMPLATES, set()),
    ("a person's meetings", "participants__", CODE, set()),
    ("a person's meetings", "participants=", CODE, set()),
    ("a meeting's place", "is_online", TEMPLATES, set()),
    ("a status colour", "#2e7d32", CODE | {".css"},
     {"common/colours.py", "portal/static/portal/site.css"}),
]  # fmt: skip


def source_files(suffixes):
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            name = str(path.relative_to(ROOT))
            if path.suffix in suffixes and "migrations" not in path.parts and name not in SQL_SCAN:
                yield name, path.read_text()


@pytest.mark.parametrize(("concept", "text", "suffixes", "homes"), DEFINITIONS)
def test_each_concept_is_written_in_one_place(concept, text, suffixes, homes):
    found = {name for name, source in source_files(suffixes) if text in source}
    assert found <= homes, f"{concept} is written again in {sorted(found - homes)}"


@pytest.mark.django_db
def test_a_meetings_place_reads_the_same_in_every_channel(world, client):
    meeting = MeetingFactory(
        project=world.own.project, venue="Cité des sciences", city="Paris", country="FR",
        start_date=date(2099, 3, 14), end_date=date(2099, 3, 14),
    )  # fmt: skip
    expected = "Cité des sciences, Paris"
    assert meeting.place == expected
    [event] = Calendar.from_ical(calendar_of([meeting])).walk("VEVENT")
    assert str(event["location"]) == expected
    reminder = Reminder(
        kind=Reminder.Kind.MEETING,
        item_id=meeting.pk,
        project_id=meeting.project_id,
        item_date=meeting.start_date,
    )
    assert Items([reminder]).line(reminder).label == f"{meeting.title}, {expected}"
    assert place(meeting) == expected
    api = APIClient()
    api.force_authenticate(world.users["partner"])
    assert api.get(f"/api/meetings/{meeting.pk}/").json()["place"] == expected
    client.force_login(world.users["partner"])
    assert f">{expected}<" in client.get("/my-work/").content.decode()
    assert f"· {expected}\n" in client.get(f"/projects/{world.own.project.pk}/").content.decode()


def test_every_reader_draws_a_status_in_the_same_colour():
    css = (ROOT / "portal/static/portal/site.css").read_text()
    for state, variable in CSS_VARIABLES.items():
        assert re.search(rf"{variable}:\s*{STATUS_COLOURS[state]};", css), variable
    assert charts.COLOURS["almost"] == STATUS_COLOURS["almost"]
    assert charts.COLOURS["achieved"] == timeline.COLOURS["approved"] == STATUS_COLOURS["achieved"]
    assert charts.COLOURS["late"] == timeline.COLOURS["late"] == STATUS_COLOURS["late"]
