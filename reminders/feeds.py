"""Each person's private calendar feed: their deadlines and meetings, at a secret address."""

import uuid

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.urls import reverse

from deliverables.models import Deliverable
from meetings.models import ActionItem, Meeting
from partners.models import Person
from projects.models import Partnership

from .calendar import calendar_of, deadline_event


def feed_url(person: Person) -> str:
    return settings.SITE_URL + reverse("calendar-feed", args=[person.calendar_token])


def renew_calendar_token(*, person: Person) -> str:
    """Give the person a new feed address; the old one stops working at once."""
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token", "updated_at"])
    return feed_url(person)


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


def calendar_feed(request, token):
    """No login: calendar programs cannot sign in. The token in the address is the secret."""
    person = Person.objects.filter(calendar_token=token).first()
    if person is None:
        raise Http404("No calendar at this address; it may have been renewed.")
    response = HttpResponse(person_calendar(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="erasmus-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
