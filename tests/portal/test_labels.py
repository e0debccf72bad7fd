"""Labels and days worked out once per language say what Django's own display and filter say."""

from datetime import UTC, date, datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from common.labels import choice_label, day_text
from deliverables.models import Deliverable
from meetings.models import Meeting


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "it", "pt"])
def test_a_choice_label_is_the_models_own_in_each_language(language):
    with translation.override(language):
        for status, _ in Deliverable.Status.choices:
            row = Deliverable(status=status)
            assert choice_label(row, "status") == row.get_status_display()
        for kind, _ in Meeting._meta.get_field("kind").choices:
            meeting = Meeting(kind=kind)
            assert choice_label(meeting, "kind") == meeting.get_kind_display()


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert choice_label(Deliverable(status="lost"), "status") == "lost"


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_a_day_is_written_as_the_date_filter_writes_it(language):
    day = date(2026, 3, 9)
    with translation.override(language):
        assert day_text(day) == date_filter(day)
        assert day_text(day, "F Y") == date_filter(day, "F Y")
        assert day_text(day, "SHORT_DATE_FORMAT") == date_filter(day, "SHORT_DATE_FORMAT")
    assert day_text(None) == ""


def test_a_moment_is_left_to_the_date_filter():
    moment = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    assert day_text(moment, "Y-m-d") == date_filter(moment, "Y-m-d")
