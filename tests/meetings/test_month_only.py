"""A meeting whose days are to be confirmed reads as its month in every channel."""

from datetime import date

import pytest
from django.utils import translation
from icalendar import Calendar

from newsletters.templatetags.writing import when
from reminders.calendar import calendar_of
from tests.conftest import refused_by_database
from tests.factories import MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training():
    project = ProjectFactory(start_date=date(2018, 9, 1), end_date=date(2020, 8, 31))
    return MeetingFactory(project=project, title="First training", dates_confirmed=False,
                          start_date=date(2019, 1, 1), end_date=date(2019, 1, 1))  # fmt: skip


def test_the_pages_the_newsletter_and_the_calendar_say_the_month(training):
    assert training.dates_text == "January 2019 (dates to be confirmed)"
    assert when(training) == "January 2019"
    with translation.override("fr"):
        assert training.dates_text == "janvier 2019 (dates à confirmer)"
        assert when(training) == "janvier 2019"
    [event] = Calendar.from_ical(calendar_of([training])).walk("VEVENT")
    assert event["dtstart"].dt == date(2019, 1, 1) and event["dtend"].dt == date(2019, 2, 1)
    assert "January 2019" in str(event["summary"])


def test_the_database_keeps_a_month_on_its_first_day(training):
    training.start_date = training.end_date = date(2019, 1, 15)
    with refused_by_database():
        training.save()
