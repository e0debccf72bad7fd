"""The newsletter stays true and natural on projects unlike the demo: generated projects and
periods (meeting kinds and orders, online or not, with or without a city, one day or several,
one partner or many, countries of every French preposition, missing contacts, starts around the
period's edges), written in every language. The facts are built in memory, so the examples run
without the database."""

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.models import Meeting
from newsletters import grammar
from newsletters.selectors import NewsletterFacts, launch_day, launch_item, progress_item
from newsletters.services import write_newsletter
from partners.models import Organisation, Person
from progress.selectors import ProjectProgress
from projects.models import Objective, Partnership, Project

LANGUAGES = ["en", "fr", "de", "es", "it", "pt"]
# Every French class: en France, au Portugal, aux Pays-Bas, à Chypre; and der Türkei, den
# Niederlanden, nei Paesi Bassi, no Reino Unido…
COUNTRIES = ["FR", "PT", "NL", "CY", "DE", "TR", "CH", "ES", "IT", "GB", "US", "MT", "LT", "DK"]
CITIES = ["Zaragoza", "Kaunas", "Mulhouse", "Valletta", "Porto", "Izmir"]
VENUES = ["Kaunas Forum", "Espace Zénith", "Porto Campus"]
ORGANISATIONS = ["Cité des métiers de Lyon", "Fundación Zaragoza", "Stiftung Kaunas",
                 "Istituto Valletta", "Centro Porto", "Ynternet.org", "Kobe Akademi"]  # fmt: skip
KINDS = [Meeting.Kind.KICK_OFF, Meeting.Kind.TRANSNATIONAL, Meeting.Kind.TRAINING,
         Meeting.Kind.MULTIPLIER]  # fmt: skip
# English words that have no place in another language's sentence (names aside).
ENGLISH = [" the ", " and ", " of ", " on ", " took place", "hosted", "meeting", "gathers",
           "coordinated", "partners", " still ", " due ", "objectives"]  # fmt: skip
ENGLISH_BY_LANGUAGE = {"fr": [" in ", "online"], "es": [" in ", "online"], "de": [], "it": [],
                       "pt": [" in "]}  # fmt: skip
EXAMPLES = settings(max_examples=50, deadline=None, derandomize=True)


@st.composite
def worlds(draw):
    """A project, its partners and meetings, and a two-month period around its start."""
    period_first = date(2019, draw(st.sampled_from([1, 3, 9, 11])), 1)
    period_last = (period_first + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    start = period_first + timedelta(days=draw(st.integers(-40, 40)))
    project = Project(pk=1, acronym="ZORBA", title="Zorba Lumen", action="KA202",
                      start_date=start, end_date=start + timedelta(days=720))  # fmt: skip
    names = draw(st.lists(st.sampled_from(ORGANISATIONS), min_size=2, max_size=7, unique=True))
    countries = [draw(st.sampled_from(COUNTRIES)) for _ in names]
    organisations = [
        Organisation(pk=i + 1, name=name, country=country)
        for i, (name, country) in enumerate(zip(names, countries, strict=True))
    ]
    partnerships = [
        Partnership(project=project, organisation=organisation,
                    role="coordinator" if i == 0 else "partner")
        for i, organisation in enumerate(organisations)
    ]  # fmt: skip
    meetings, day = [], start + timedelta(days=draw(st.integers(0, 30)))
    for i, kind in enumerate(draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))):
        online = draw(st.booleans())
        length = draw(st.sampled_from([0, 1, 2]))
        # Now and then only the month is known: the plan holds its first day.
        confirmed = draw(st.sampled_from([True, True, True, False]))
        held_on = day if confirmed else (day.replace(day=1) + timedelta(days=31)).replace(day=1)
        meetings.append(Meeting(
            pk=i + 1, project=project, kind=kind, title=f"Zorba {i + 1}",
            start_date=held_on, end_date=held_on + timedelta(days=length if confirmed else 0),
            is_online=online, dates_confirmed=confirmed,
            city=draw(st.sampled_from(["", *CITIES])), venue=draw(st.sampled_from(["", *VENUES])),
            country=draw(st.sampled_from(["", *COUNTRIES])),
            host_organisation=draw(st.sampled_from([None, *organisations])),
        ))  # fmt: skip
        day = max(day, held_on)
        day += timedelta(days=draw(st.integers(length + 1, 40)))
    contact = draw(st.sampled_from([None, Person(first_name="Aino", last_name="Virta")]))
    return period_first, period_last, project, partnerships, meetings, contact


def newsletter(world, language):
    first, last, project, partnerships, meetings, contact = world
    launches, progress = [], []
    today = last + timedelta(days=1)  # drafted by the monthly job, once the period is over
    if first <= launch_day(project, meetings) <= last:
        launches.append(launch_item(project, partnerships, meetings, contact, first, last, today))
    else:
        objectives = [Objective(pk=1, title="Lumen Alpha", status="almost_achieved"),
                      Objective(pk=2, title="Lumen Beta", status="in_progress")]  # fmt: skip
        item = progress_item(project, ProjectProgress(project_id=1), first, last, today,
                             objectives, [], set(), meetings, contact)  # fmt: skip
        if item.has_news:
            progress.append(item)
    other = [m for m in meetings if m.start_date <= last and m.end_date >= first]
    facts = NewsletterFacts(first, last, [], other, progress, launches, [])
    return write_newsletter(facts, language), facts


def names_removed(text, world):
    _first, _last, project, partnerships, meetings, _contact = world
    names = [project.acronym, project.title, "Aino Virta", "Lumen Alpha", "Lumen Beta",
             *(p.organisation.name for p in partnerships), *(m.title for m in meetings),
             *CITIES, *VENUES, "Erasmus+", "KA202"]  # fmt: skip
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "NAME")
    return text


def check(text, facts, world, language):
    assert "None" not in text and "%(" not in text and "{{" not in text
    assert not re.search(r"\(\s*\)|\s[,.]|,\s*[,.]|  ", text.replace("\u00a0", "_")), text
    for meeting in facts.other:  # each agenda line names its project
        assert f"{meeting.project.acronym} – {meeting.title}" in text
        place = meeting.city or meeting.venue
        if place:
            assert f"{place}, {place}" not in text and f"{place} ({place})" not in text
    for launch in facts.launches:
        assert launch.project.acronym in text
        coordinator = launch.coordinator
        assert coordinator.name in text
        assert grammar.country_name(coordinator.country.code, language) in text
        for code in launch.countries:
            assert grammar.country_name(code, language).split()[-1] in text
    for item in facts.progress + facts.launches:
        for held in item.held:
            meeting = held.meeting
            if meeting.city and not meeting.is_online:
                assert meeting.city in text
    if language != "en":
        plain = names_removed(text, world).lower()
        native = {"it": [" due "]}.get(language, [])  # Italian "two"
        for word in [w for w in ENGLISH if w not in native] + ENGLISH_BY_LANGUAGE[language]:
            assert not re.search(rf"\b{word.strip()}\b", plain), (word, text)


@pytest.mark.parametrize("language", LANGUAGES)
@EXAMPLES
@given(world=worlds())
def test_every_fact_in_natural_sentences(language, world):
    text, facts = newsletter(world, language)
    check(text, facts, world, language)


@EXAMPLES
@given(world=worlds())
def test_only_transnational_meetings_are_counted(world):
    text, facts = newsletter(world, "en")
    for item in facts.progress:
        transnational = sorted(
            (m for m in world[4] if m.kind == Meeting.Kind.TRANSNATIONAL), key=lambda m: m.pk
        )
        for held in item.held:
            if held.meeting.kind == Meeting.Kind.TRANSNATIONAL:
                assert held.ordinal == transnational.index(held.meeting) + 1
            else:
                assert held.ordinal is None
    assert text.count("coordination meeting") == sum(
        1 for item in facts.progress + facts.launches for h in item.held if h.ordinal
    ) + sum(1 for launch in facts.launches if launch.kick_off and
            launch.kick_off.kind == Meeting.Kind.TRANSNATIONAL)  # fmt: skip


@EXAMPLES
@given(world=worlds())
def test_french_grammar(world):
    text, facts = newsletter(world, "fr")
    assert not re.search(r"\S [:;!?](\s|$)", text)  # a no-break space before them
    assert "« " not in text and " »" not in text
    assert not re.search(r"\ble 1 ", text)  # le 1er
    for launch in facts.launches:
        for code in launch.countries:
            form = grammar.TABLE[code]["fr"]
            assert f"{form} {grammar.country_name(code, 'fr')}" in text
    assert "en ligne" in text or not any(m.is_online for m in facts.other)


@pytest.mark.parametrize(
    ("language", "codes", "expected"),
    [
        ("fr", ["FR", "PT", "NL", "CY"], "à Chypre, en France, aux Pays-Bas et au Portugal"),
        ("de", ["TR", "NL", "DE"], "in Deutschland, den Niederlanden und der Türkei"),
        ("de", ["GB"], "im Vereinigten Königreich"),
        ("it", ["NL", "FR", "CY"], "a Cipro, in Francia e nei Paesi Bassi"),
        ("pt", ["PT", "DE", "GB"], "na Alemanha, em Portugal e no Reino Unido"),
        ("es", ["NL", "FR"], "en Francia y los Países Bajos"),
        ("en", ["NL", "FR"], "in France and the Netherlands"),
    ],
)
def test_countries_take_their_preposition_and_article(language, codes, expected):
    from django.utils import translation

    from newsletters import writing

    with translation.override(language):
        assert grammar.in_countries(codes, language, writing.listing) == expected


def test_a_project_starting_just_before_the_period_is_launched_with_its_kick_off():
    project = Project(start_date=date(2018, 12, 31), end_date=date(2020, 12, 30))
    kick_off = Meeting(pk=1, kind=Meeting.Kind.KICK_OFF, start_date=date(2019, 1, 17),
                       end_date=date(2019, 1, 17), dates_confirmed=True)  # fmt: skip
    assert launch_day(project, [kick_off]) == date(2019, 1, 17)
    assert launch_day(project, []) == date(2018, 12, 31)
