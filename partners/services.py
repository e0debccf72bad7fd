"""What changes a person's own settings."""

import uuid

from django.conf import settings
from django.urls import reverse

from .models import Person


def feed_url(person: Person) -> str:
    """The person's private calendar feed address, as calendar programs subscribe to it."""
    return settings.SITE_URL + reverse("calendar-feed", args=[person.calendar_token])


def renew_calendar_token(*, person: Person) -> str:
    """Give the person a new feed address; the old one stops working at once."""
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token", "updated_at"])
    return feed_url(person)
