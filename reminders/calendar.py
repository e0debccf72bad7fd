"""Meetings as iCalendar events, with UIDs that stay the same so calendars update in place."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from icalendar import Calendar, Event

from deliverables.models import Deliverable
from meetings.models import ActionItem, Meeting
from partners.models import Person
from projects.models import Partnership


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"


def meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    # Calendars replace an event of the same UID by one of a higher SEQUENCE: the moment of the
    # last change only grows, so every change reaches them.
    event.add("sequence", int(meeting.updated_at.timestamp()))
    if meeting.dates_confirmed:
        event.add("summary", meeting.title)
        # All-day events: DTEND is the day after the last day.
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + timedelta(days=1))
    else:
        # Only the month is known: the whole month, free time, saying so in its title.
        event.add("summary", f"{meeting.title} – {meeting.dates_text}")
        event.add("dtstart", meeting.start_date)
        event.add("dtend", (meeting.start_date + timedelta(days=32)).replace(day=1))
        event.add("transp", "TRANSPARENT")
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.project_id:
        event.add("categories", [meeting.project.acronym])
    return event


def deadline_event(uid: str, summary: str, day, changed) -> Event:
    """A deadline as an all-day event on its date."""
    event = Event()
    event.add("uid", f"{uid}@{settings.CALENDAR_UID_DOMAIN}")
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", changed)
    event.add("transp", "TRANSPARENT")  # a deadline does not make one busy
    return event


def calendar_of(meetings, deadlines=()) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Erasmus+ project tracker//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Erasmus+ deadlines and meetings")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    for event in deadlines:
        calendar.add_component(event)
    return calendar.to_ical()


def person_calendar(person: Person) -> bytes:
    """Meetings they take part in or of their projects, what their organisations lead, and
    the action items they own."""
    meetings = Meeting.objects.of_people([person]).select_related("project")
    # Paired: the organisation this person speaks for in that same project.
    speaks_for_lead = Partnership.contacts.through.objects.filter(
        person=person,
        partnership__project=OuterRef("project"),
        partnership__organisation=OuterRef("lead_organisation"),
    )
    led = Deliverable.objects.open().filter(Exists(speaks_for_lead)).select_related("project")
    deadlines = [
        deadline_event(f"deliverable-{d.pk}", f"{d.project.acronym} {d.code}: {d.title}",
                       d.due_date, d.updated_at)
        for d in led
    ] + [
        deadline_event(f"action-item-{a.pk}", a.description, a.due_date, a.updated_at)
        for a in ActionItem.objects.open().filter(owner=person)
    ]  # fmt: skip
    return calendar_of(meetings, deadlines)
