"""The drafted agenda and project news, checked for the facts the October 2018 issue gives."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletters.content_gaps import describe_gaps
from newsletters.models import NewsletterIssue
from newsletters.selectors import newsletter_facts
from newsletters.services import draft_newsletter, save_draft
from tests.factories import DeliverableFactory, MeetingFactory, PartnershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db
SEPTEMBER, OCTOBER_END = date(2018, 9, 1), date(2018, 10, 31)
NOVEMBER = date(2018, 11, 1)  # a draft of the autumn made once it is over


def test_the_agenda_has_the_seeds_lines_in_its_two_groups(demo):
    facts = newsletter_facts(SEPTEMBER, OCTOBER_END, today=NOVEMBER)
    assert [(m.start_date.day, m.start_date.month, m.is_online) for m in facts.internal] == [
        (3, 10, True), (19, 10, True), (24, 10, False),
    ]  # fmt: skip
    assert [(m.start_date.day, m.start_date.month, m.place) for m in facts.other] == [
        (13, 9, "Marseille"), (24, 9, "Berlin"), (4, 10, "Brussels"), (25, 10, "Torino"),
    ]  # fmt: skip


def test_cocade_progress_and_dimesca_launch_in_english(demo):
    text, facts = draft_newsletter(first=SEPTEMBER, last=OCTOBER_END, language="en")
    [cocade] = facts.progress
    assert cocade.project.acronym == "COCADE"
    assert [(h.ordinal, h.meeting.city) for h in cocade.held] == [(4, "Marseille"), (5, "Torino")]
    assert (len(cocade.almost), cocade.objectives_total) == (3, 7)
    assert [d.code for d in cocade.upcoming] == ["IO2"]
    assert cocade.next_events[0].start_date == date(2019, 1, 24)
    [dimesca] = facts.launches
    assert (dimesca.other_partners, len(dimesca.countries)) == (8, 7)
    assert (
        "The fourth coordination meeting of the project took place on 13 and 14 September 2018"
        " in Marseille, hosted by the Cité des métiers de Marseille" in text
    )
    assert "Three of the seven specific objectives are almost achieved:" in text
    assert "Vademecum" in text and "The project ends in February 2019." in text
    assert text.index("Objectives still open:") < text.index("Deliverables still due:")
    assert "24 January 2019, Brussels" in text
    assert (
        "The project is coordinated by the Réseau international des Cités des métiers (France)."
        " It gathers eight other partners in France, Germany, Italy, Lithuania, Romania, Spain"
        " and Switzerland." in text
    )
    assert "The kick-off meeting of the project took place on 24 and 25 September 2018" in text
    assert (
        "**13\u2009–\u200914 September 2018**\n"
        "Coordination meeting of the Erasmus+ project COCADE, Marseille" in text
    )
    assert "Executive Committee, online" in text and "video" not in text


def test_a_meeting_after_the_drafting_day_is_announced_not_reported(demo):
    october = date(2018, 10, 1)
    text, facts = draft_newsletter(
        first=october, last=OCTOBER_END, language="en", today=date(2018, 10, 15)
    )
    assert "took place on 25 and 26 October 2018" not in text
    assert not [held for item in facts.progress for held in item.held]
    assert (
        "**25\u2009–\u200926 October 2018**\n"
        "Coordination meeting of the Erasmus+ project COCADE, Torino" in text
    )
    text, _facts = draft_newsletter(first=october, last=OCTOBER_END, language="en", today=NOVEMBER)
    assert (
        "The fifth coordination meeting of the project took place on 25 and 26 October 2018"
        " in Torino" in text
    )


def test_a_kick_off_still_to_come_is_not_written_as_held():
    project = ProjectFactory(acronym="SOON", start_date=date(2018, 10, 1),
                             end_date=date(2020, 9, 30))  # fmt: skip
    PartnershipFactory(project=project, role="coordinator")
    MeetingFactory(project=project, kind="kick_off", title="Kick-off", city="Kaunas",
                   start_date=date(2018, 10, 25), end_date=date(2018, 10, 26))  # fmt: skip
    text, facts = draft_newsletter(
        first=date(2018, 10, 1), last=OCTOBER_END, language="en", today=date(2018, 10, 15)
    )
    [launch] = facts.launches
    assert launch.kick_off is None and launch.held == []
    assert "took place" not in text
    assert "**25\u2009–\u200926 October 2018**\nSOON – Kick-off, Kaunas" in text


def test_the_same_facts_in_french(demo):
    text, _facts = draft_newsletter(first=SEPTEMBER, last=OCTOBER_END, language="fr")
    assert "## Réunions internes" in text and "## Autres réunions" in text
    assert (
        "La quatrième réunion de coordination du projet s’est tenue les 13 et 14 septembre 2018"
        " à Marseille, accueillie par la Cité des métiers de Marseille" in text
    )
    assert "Trois des sept objectifs spécifiques sont presque atteints\u00a0:" in text
    assert (
        "Il réunit huit autres partenaires en Allemagne, en Espagne, en France, en Italie,"
        " en Lituanie, en Roumanie et en Suisse." in text
    )
    assert "«\u00a0Inclusion numérique" in text and "(KA202 – Partenariat stratégique" in text
    assert "février 2019" in text and "24 janvier 2019" in text


def test_a_quiet_period_gives_a_draft_that_says_so(demo):
    text, facts = draft_newsletter(first=date(2016, 1, 1), last=date(2016, 1, 31), language="en")
    assert facts.is_empty
    assert "Nothing happened in the projects" in text


@pytest.mark.parametrize(
    ("first", "last", "language", "words"),
    [
        (date(2018, 10, 31), date(2018, 9, 1), "en", "ends"),
        (SEPTEMBER, OCTOBER_END, "nl", "Português \\(pt\\) only, not “nl”"),
    ],
)
def test_a_bad_request_says_what_to_fix(first, last, language, words):
    with pytest.raises(ValidationError, match=words):
        draft_newsletter(first=first, last=last, language=language)


def test_the_command_prints_and_refuses_bad_input(demo, capsys):
    call_command(
        "generate_newsletter", "--from", "2018-09-01", "--to", "2018-10-31", "--lang", "fr"
    )
    assert "Avancement du projet Erasmus+ COCADE" in capsys.readouterr().out
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("generate_newsletter", "--from", "1/9/2018", "--to", "2018-10-31")
    with pytest.raises(CommandError, match="Unknown format"):
        call_command("generate_newsletter", "--from", "2018-09-01", "--to", "2018-10-31",
                     "--format", "doc")  # fmt: skip
    assert not NewsletterIssue.objects.exists()


def test_saving_twice_keeps_one_issue_the_same_text_and_the_editors_version(demo):
    first = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="en")
    first.edited_content = "Edited by the editor."
    first.save()
    # An outdated draft, so that saving again really writes the new one.
    NewsletterIssue.objects.filter(pk=first.pk).update(generated_content="An older draft.\n")
    again = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="en")
    assert again.pk == first.pk
    assert again.generated_content == first.generated_content
    assert again.edited_content == "Edited by the editor." == again.content
    assert NewsletterIssue.objects.count() == 1


def busy_project(n: int):
    project = ProjectFactory(start_date=date(2017, 1, 1), end_date=date(2019, 12, 31))
    lead = PartnershipFactory(project=project, role="coordinator").organisation
    MeetingFactory(project=project, start_date=date(2018, 9, 10), end_date=date(2018, 9, 11))
    for i in range(n):
        DeliverableFactory(project=project, lead_organisation=lead, due_date=date(2018, 12, i + 1))


def test_the_queries_do_not_grow_with_projects_or_deliverables():
    busy_project(1)
    with CaptureQueriesContext(connection) as few:
        newsletter_facts(SEPTEMBER, OCTOBER_END, today=NOVEMBER)
    for _ in range(15):
        busy_project(5)
    with CaptureQueriesContext(connection) as many:
        facts = newsletter_facts(SEPTEMBER, OCTOBER_END, today=NOVEMBER)
    assert len(facts.progress) == 16
    assert len(few) == len(many)


def test_missing_data_leaves_the_part_out_and_is_listed_for_the_editor():
    project = ProjectFactory(
        acronym="GAPS", start_date=date(2017, 1, 1), end_date=date(2019, 6, 30)
    )
    PartnershipFactory(project=project, role="coordinator")  # no contact person
    MeetingFactory(project=project, title="Coordination meeting", city="", country="",
                   start_date=date(2018, 9, 20), end_date=date(2018, 9, 20))  # fmt: skip
    text, facts = draft_newsletter(first=SEPTEMBER, last=OCTOBER_END, language="en")
    assert "took place on 20 September 2018." in text  # no " in …", no dangling comma
    assert "Contact:" not in text
    lines = describe_gaps(facts.gaps)
    assert "GAPS has no contact person at its coordinator." in lines
    assert "Coordination meeting (20 September 2018) has no city." in lines
    issue = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="en")
    assert "has no city" in issue.gaps


def test_the_french_issue_of_the_autumn_writes_french_around_the_names(demo):
    """The sentences are French; the data's own words (titles, places, names) come in the
    language they were entered in."""
    text, facts = draft_newsletter(first=SEPTEMBER, last=OCTOBER_END, language="fr")
    names = (
        [m.title for m in facts.internal + facts.other]
        + [o.title for item in facts.progress for o in item.almost + item.remaining]
        + [d.title for item in facts.progress for d in item.upcoming]
    )
    names += [launch.project.title for launch in facts.launches]
    names += [e.title for item in facts.progress for e in item.next_events]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    for english in ("took place", "hosted", "online", "coordinated", "gathers", "Strategic",
                    " and ", " the ", " of ", "due ", "still", "video"):  # fmt: skip
        assert english not in text, english
    assert "en ligne" in text and "le 4 octobre" not in text  # an agenda line, not a sentence


def test_a_project_starting_on_new_years_eve_is_launched_once_with_its_january_kick_off():
    project = ProjectFactory(acronym="NOEL", start_date=date(2018, 12, 31),
                             end_date=date(2020, 12, 30))  # fmt: skip
    PartnershipFactory(project=project, role="coordinator")
    MeetingFactory(project=project, kind="kick_off", title="Kick-off", city="Kaunas",
                   start_date=date(2019, 1, 17), end_date=date(2019, 1, 18))  # fmt: skip
    summer = date(2019, 6, 1)
    december = newsletter_facts(date(2018, 12, 1), date(2018, 12, 31), today=summer)
    spring = newsletter_facts(date(2019, 1, 1), date(2019, 4, 30), today=summer)
    may = newsletter_facts(date(2019, 5, 1), date(2019, 5, 31), today=summer)
    assert [launch.project.acronym for launch in december.launches + may.launches] == []
    [launch] = spring.launches
    assert launch.project.acronym == "NOEL" and launch.kick_off.city == "Kaunas"


def test_the_command_prints_each_gap_as_a_sentence(capsys):
    MeetingFactory(title="Workshop without a city", city="", is_online=False,
                   start_date=date(2018, 10, 4), end_date=date(2018, 10, 4))  # fmt: skip
    call_command("generate_newsletter", "--from", "2018-09-01", "--to", "2018-10-31")
    gaps = capsys.readouterr().err
    assert "Gap: Workshop without a city (4 October 2018) has no city." in gaps
    assert "[" not in gaps


def test_the_same_draft_again_keeps_an_approved_issue_and_brings_its_gaps_up_to_date():
    MeetingFactory(title="Workshop without a city", city="", is_online=False,
                   start_date=date(2018, 10, 4), end_date=date(2018, 10, 4))  # fmt: skip
    issue = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="en", today=NOVEMBER)
    # As an issue drafted before its gaps were kept as notes: the record alone, worded then.
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.APPROVED,
        gaps="Workshop without a city (04 Oct 2018) has no city.",
        gap_notes=[],
    )
    again = save_draft(first=SEPTEMBER, last=OCTOBER_END, language="en", today=NOVEMBER)
    assert again.status == NewsletterIssue.Status.APPROVED
    assert again.gap_notes == issue.gap_notes != []
    assert again.gaps == "Workshop without a city (4 October 2018) has no city."
