from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from deliverables.models import Deliverable
from meetings.models import Meeting
from partners.models import Person
from projects.access import is_officer
from projects.models import Partnership, Project

pytestmark = pytest.mark.django_db

TRACKER_APPS = ["partners", "projects", "deliverables", "meetings", "grants"]


def sign_in(**credentials):
    """authenticate() as a sign-in form calls it: with the request, which throttling needs."""
    return authenticate(RequestFactory().post("/admin/login/"), **credentials)


def snapshot():
    rows = {}
    for label in TRACKER_APPS:
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    rows["auth.User"] = list(get_user_model().objects.order_by("pk").values())
    return rows


def test_dimesca_gathers_nine_organisations_in_seven_countries(demo):
    dimesca = Project.objects.get(acronym="DIMESCA")
    partnerships = dimesca.partnerships.select_related("organisation")
    assert partnerships.count() == 9
    assert {p.organisation.country.code for p in partnerships} == {
        "FR",
        "DE",
        "ES",
        "IT",
        "LT",
        "RO",
        "CH",
    }
    associated = partnerships.get(role=Partnership.Role.ASSOCIATED)
    assert associated.organisation.name == "Ynternet.org"
    coordinator = partnerships.get(role=Partnership.Role.COORDINATOR)
    assert coordinator.organisation.short_name == "Cités des métiers Network"


def test_cocade_has_seven_objectives_three_almost_achieved(demo):
    cocade = Project.objects.get(acronym="COCADE")
    assert cocade.reference_number == "2017-1-FR01-KA202-037403"
    assert cocade.eu_grant == 185195
    assert (cocade.start_date, cocade.end_date) == (date(2017, 9, 1), date(2019, 2, 28))
    assert cocade.objectives.count() == 7
    almost = cocade.objectives.filter(status="almost_achieved")
    assert almost.count() == 3
    assert any("initial training programme" in o.title for o in almost)
    for objective in almost:
        review = objective.status_changes.get()
        assert (review.from_status, review.to_status) == ("in_progress", "almost_achieved")
        assert review.changed_by.username == "coordinator"
        assert review.changed_at.date() == date(2018, 9, 14)


def test_the_vademecum_is_due_end_of_november_led_by_paris_whose_contact_reads_french(demo):
    vademecum = Deliverable.objects.get(project__acronym="COCADE", title__contains="Vademecum")
    assert vademecum.due_date == date(2018, 11, 30)
    assert vademecum.lead_organisation.name == "Cité des métiers de Paris"
    contacts = Person.objects.filter(
        partnerships__project=vademecum.project,
        partnerships__organisation=vademecum.lead_organisation,
    )
    assert [c.preferred_language for c in contacts] == ["fr"]


def test_the_meetings_are_on_the_seeds_dates(demo):
    agenda = {
        (m.start_date, m.end_date, m.place, m.project.acronym if m.project else None)
        for m in Meeting.objects.select_related("project")
    }
    expected = {
        (date(2018, 9, 13), date(2018, 9, 14), "Marseille", "COCADE"),
        (date(2018, 9, 24), date(2018, 9, 25), "Berlin", "DIMESCA"),
        (date(2018, 10, 3), date(2018, 10, 3), "online", None),
        (date(2018, 10, 4), date(2018, 10, 4), "Brussels", None),
        (date(2018, 10, 19), date(2018, 10, 19), "online", None),
        (date(2018, 10, 24), date(2018, 10, 24), "Torino", None),
        (date(2018, 10, 25), date(2018, 10, 26), "Torino", "COCADE"),
        (date(2018, 11, 7), date(2018, 11, 7), "Paris la Villette", None),
        (date(2018, 11, 8), date(2018, 11, 8), "Paris la Villette", None),
        (date(2018, 11, 9), date(2018, 11, 9), "Paris la Villette", None),
        (date(2019, 1, 24), date(2019, 1, 24), "Brussels", "COCADE"),
    }
    assert expected <= agenda
    assert Meeting.objects.governance().count() == 6
    trainings = Meeting.objects.filter(project__acronym="DIMESCA", kind="training")
    assert trainings.count() == 4
    first = trainings.first()
    assert first.host_organisation.name == "Cité des métiers de Paris"
    assert (first.start_date.year, first.start_date.month) == (2019, 1)


def test_dimesca_has_a_work_plan_with_deliverables_led_by_several_partners(demo):
    deliverables = Deliverable.objects.filter(project__acronym="DIMESCA")
    assert deliverables.values("lead_organisation").distinct().count() >= 4
    assert deliverables.filter(lead_organisation__name="Stiftung Digitale Chancen").exists()
    assert deliverables.filter(due_date__range=(date(2018, 9, 1), date(2018, 11, 30))).exists()
    assert deliverables.filter(due_date__gt=date(2019, 1, 1)).exists()
    assert all("demo" in d.description.lower() for d in deliverables)


def test_the_logins_work_with_the_demo_password(demo):
    officer = sign_in(username="officer", password="demo")
    assert officer is not None and officer.is_staff and is_officer(officer)
    partner = sign_in(username="partner", password="demo")
    assert partner.person.organisation.name == "Stiftung Digitale Chancen"
    assert not partner.person.partnerships.filter(project__acronym="COCADE").exists()
    coordinator = sign_in(username="coordinator", password="demo")
    coordinated = Partnership.objects.filter(contacts__user=coordinator, role="coordinator")
    assert {p.project.acronym for p in coordinated} == {"DIMESCA", "COCADE", "PATHWAYS"}
    for partnership in Partnership.objects.all():
        assert partnership.contacts.filter(user__isnull=False).exists(), partnership


def test_every_address_is_at_example_org(demo):
    addresses = list(Person.objects.values_list("email", flat=True))
    addresses += list(get_user_model().objects.values_list("email", flat=True))
    assert addresses and all(a.endswith("@example.org") for a in addresses)


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == before


def test_the_demo_password_can_be_set(settings):
    settings.DEMO_PASSWORD = "another-secret"
    call_command("load_demo", stdout=StringIO())
    assert sign_in(username="partner", password="another-secret") is not None


def test_the_command_prints_the_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    for login in ["officer", "coordinator", "partner", "paris", "ynternet"]:
        assert f"  {login} " in out


def test_cocade_has_budget_headings_that_add_up_to_its_grant(demo):
    from decimal import Decimal

    from grants.models import Budget

    budget = Budget.objects.get(project__acronym="COCADE")
    assert budget.funding_model == "headings" and not budget.illustrative
    total = sum(row.amount for row in budget.heading_amounts.all())
    assert total == budget.project.eu_grant == Decimal("185195.00")


def test_dimesca_shows_an_illustrative_lump_sum_split(demo):
    from grants.earning import budget_figures
    from grants.models import Budget

    budget = Budget.objects.get(project__acronym="DIMESCA")
    assert budget.funding_model == "lump_sum" and budget.illustrative
    assert budget.management_work_package.code == "WP1"
    figures = budget_figures([budget.project_id], today=date(2018, 10, 15))[budget.project_id]
    management = next(line for line in figures.lines if line.key == "WP1")
    # D1.1 approved, D1.2 late, the kick-off in Berlin held: WP1 is partly earned, partly at risk.
    assert management.earned and management.at_risk
    assert any("D1.2" in reason for reason in management.reasons)


def test_cocades_held_meetings_have_their_evidence_but_one_signed_list(demo):
    from io import BytesIO

    from pypdf import PdfReader

    from meetings.evidence import evidence_missing, with_attendance

    held = with_attendance(
        Meeting.objects.filter(project__acronym="COCADE", end_date__lt=date(2018, 10, 15))
    )
    missing = {meeting.start_date: evidence_missing(meeting) for meeting in held}
    assert missing == {
        date(2017, 10, 12): [],
        date(2018, 2, 8): [],
        date(2018, 5, 17): ["no signed list of participants"],
        date(2018, 9, 13): [],
    }
    # The stand-in scan is the meeting's own sheet, stored as an upload is.
    sheet = Meeting.objects.get(project__acronym="COCADE", start_date=date(2018, 9, 13))
    scan = sheet.signed_sheets.get()
    assert scan.uploaded_by.username == "coordinator" and scan.created_at.date() == date(
        2018, 9, 15
    )
    with scan.file.open("rb") as stored:
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(stored.read())).pages)
    assert "COCADE" in text and "Day 1: the first version of the Vademecum" in text
    assert all(name in text for name in ("Bernard", "Benali", "Lefèvre"))  # names wrap


def test_cocades_budget_shows_meetings_earned_and_the_gap_at_risk(demo):
    from grants.earning import budget_figures

    cocade = Project.objects.get(acronym="COCADE")
    figures = budget_figures([cocade.pk], today=date(2018, 10, 15))[cocade.pk]
    meetings = next(line for line in figures.lines if line.key == "meetings")
    assert meetings.earned and meetings.at_risk
    assert len(meetings.reasons) == 1 and "no signed list" in meetings.reasons[0]
    assert figures.mismatch == ""


def test_the_invented_lump_sum_project_is_labelled_and_shows_both_sides(demo):
    from decimal import Decimal

    from grants.earning import budget_figures

    pathways = Project.objects.get(acronym="PATHWAYS")
    assert (
        pathways.title.startswith("Illustrative") and "not a real project" in pathways.description
    )
    assert pathways.action == "KA220-ADU" and pathways.eu_grant == Decimal("250000.00")
    assert pathways.partnerships.count() == 5
    figures = budget_figures([pathways.pk], today=date(2018, 10, 15))[pathways.pk]
    assert figures.illustrative and figures.funding_model == "lump_sum" and not figures.mismatch
    assert [line.key for line in figures.lines] == ["WP1", "WP2", "WP3", "WP4", "WP5"]
    management = next(line for line in figures.lines if line.is_management)
    assert management.planned <= figures.planned * Decimal("0.20")
    assert figures.earned and figures.at_risk
    late = [reason for line in figures.lines for reason in line.reasons]
    assert any("D2.2" in reason for reason in late) and any("D3.1" in reason for reason in late)


def test_the_final_conference_has_invited_guests_and_a_sign_in_ready(demo):
    conference = Meeting.objects.get(project__acronym="COCADE", kind="multiplier")
    assert conference.agenda and conference.guests.count() == 2
    assert not conference.guests.filter(attended=True).exists()  # not held yet
    assert conference.online_sign_in.is_open and conference.online_sign_in.language == "fr"


def test_loading_again_restores_a_budget_someone_split_the_other_way(demo):
    from grants.models import Budget
    from grants.services import save_headings_budget

    budget = Budget.objects.get(project__acronym="DIMESCA")
    officer = get_user_model().objects.get(username="officer")
    save_headings_budget(
        user=officer, project_id=budget.project_id, amounts={}, replace_other_model=True
    )
    call_command("load_demo", stdout=StringIO())
    assert Budget.objects.get(pk=budget.pk).funding_model == "lump_sum"
