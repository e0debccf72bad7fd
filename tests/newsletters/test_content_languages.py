"""A French issue reads the French versions of titles and places; the editor is told which
titles it prints without one."""

from datetime import date

import pytest

from meetings.models import Meeting
from newsletters.services import draft_newsletter, save_draft
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
SEPTEMBER, OCTOBER_END = date(2018, 9, 1), date(2018, 10, 31)


def test_the_french_issue_of_the_demo_autumn_says_bruxelles_and_turin(demo):
    french, _facts = draft_newsletter(first=SEPTEMBER, last=OCTOBER_END, language="fr")
    assert "Bruxelles" in french and "Turin" in french
    assert "Réunion du Comité exécutif" in french
    assert "Brussels" not in french and "Torino" not in french
    assert "Meeting of the Executive Committee" not in french
    english, _facts = draft_newsletter(first=SEPTEMBER, last=OCTOBER_END, language="en")
    assert "Brussels" in english and "Bruxelles" not in english


def test_the_gap_list_names_each_title_printed_without_a_version(demo):
    issue = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="fr")
    assert "in Français" not in issue.gaps  # the demo's French network wrote them all
    Meeting.objects.filter(title_en="Meeting of the Executive Committee").update(title_fr=None)
    issue = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="fr")
    assert (
        "Meeting “Meeting of the Executive Committee”, title: no version in the issue's "
        "language (title_fr)" in issue.gaps
    )
    assert "in English" not in save_draft(first=SEPTEMBER, last=OCTOBER_END, language="en").gaps


def test_the_gap_list_names_a_meeting_by_its_title_not_its_place():
    MeetingFactory(title="Fifth coordination meeting", venue="ADR Nord-Est offices",
                   city="Piatra Neamț", country="RO", start_date=date(2018, 10, 4),
                   end_date=date(2018, 10, 5))  # fmt: skip
    issue = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="fr", today=date(2018, 11, 1))
    assert (
        "Meeting “Fifth coordination meeting”, venue: no version in the issue's language"
        " (venue_fr); the issue prints the original." in issue.gaps.splitlines()
    )
    assert "Meeting “ADR Nord-Est offices”" not in issue.gaps
