"""Every message a page shows speaks the reader's language: the rules' own words, the
newsletter's list of gaps, the days in a refusal, a meeting's wording and the setup's notices."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from newsletters.services import save_draft
from projects.models import Partnership
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
FRENCH = {"Accept-Language": "fr"}


def test_the_rules_of_a_new_project_speak_french(signed_in, world):
    response = signed_in("officer").post(
        "/projects/new/",
        {
            "acronym": world.own.project.acronym,
            "title": "Un projet",
            "action": "KA202",
            "reference_number": "FR-2017",
            "start_date": "2025-09-01",
            "end_date": "2025-08-31",
        },
        headers=FRENCH,
    )
    page = response.content.decode()
    assert "La date de fin doit être égale ou postérieure à la date de début." in page
    assert "Utilisez le format de l’agence" in page
    assert "The end date must be on or after the start date." not in page


def test_a_new_organisation_is_told_its_oid_in_french(signed_in, world):
    page = (
        signed_in("officer")
        .get(f"/projects/{world.own.project.pk}/organisations/new/", headers=FRENCH)
        .content.decode()
    )
    assert "Le nom de l’organisme dans sa propre langue." in page
    with translation.override("fr"):
        organisation = OrganisationFactory.build(oid="X1")
        with pytest.raises(ValidationError) as refusal:
            organisation.full_clean()
    assert "Un OID est un E suivi de 8 chiffres, par exemple E10123456." in str(refusal.value)


def test_the_newsletter_page_lists_the_gaps_in_the_readers_language(signed_in, world):
    MeetingFactory(
        project=world.own.project,
        title="Réunion sans ville",
        city="",
        country="",
        start_date=date(2023, 3, 14),
        end_date=date(2023, 3, 14),
    )
    issue = save_draft(first=date(2023, 3, 1), last=date(2023, 3, 31), language="en")
    assert "Réunion sans ville (14 March 2023) has no city." in issue.gaps
    page = (
        signed_in("officer")
        .get(f"/dashboard/newsletters/{issue.pk}/", headers=FRENCH)
        .content.decode()
    )
    assert "Réunion sans ville (14 mars 2023)\u00a0: aucune ville indiquée." in page
    assert "has no city" not in page


def test_a_due_date_outside_the_period_names_the_days_as_the_site_writes_them():
    project = ProjectFactory(start_date=date(2018, 9, 1), end_date=date(2020, 8, 31))
    deliverable = DeliverableFactory.build(
        project=project, lead_organisation=None, due_date=date(2021, 1, 31)
    )
    with translation.override("fr"), pytest.raises(ValidationError) as refusal:
        deliverable.full_clean(exclude=["lead_organisation", "work_package"])
    message = " ".join(refusal.value.message_dict["due_date"])
    assert "du 1 septembre 2018 au 31 août 2020" in message


def test_a_meeting_has_an_ordre_du_jour_and_spaced_colons(signed_in, world):
    meeting = MeetingFactory(project=world.own.project, agenda="1. Accueil")
    ActionItemFactory(
        meeting=meeting, owner=world.own.people[0], due_date=date(2023, 10, 8), status="open"
    )
    page = signed_in("coordinator").get(f"/meetings/{meeting.pk}/", headers=FRENCH)
    text = page.content.decode()
    assert "Ordre du jour" in text
    assert ">Agenda<" not in text
    assert "pour le 8 octobre 2023\u00a0: <span" in text


def test_adding_the_coordinator_says_it_is_the_coordinator(signed_in, world):
    project = world.own.project
    Partnership.objects.filter(project=project, role="coordinator").update(role="partner")
    koln = OrganisationFactory(name="Berufsinformationszentrum", short_name="BiZ", country="DE")
    response = signed_in("officer").post(
        f"/projects/{project.pk}/partners/add/{koln.pk}/",
        {"role": "coordinator"},
        headers=FRENCH,
        follow=True,
    )
    page = response.content.decode()
    assert "Berufsinformationszentrum est désormais le coordinateur." in page
    assert "partner now" not in page
