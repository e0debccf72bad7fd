"""Earned and at risk on work plans in several states, per work package and per partner."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from deliverables.models import Deliverable
from grants.earning import budget_figures
from grants.services import save_headings_budget, save_lump_sum_budget
from meetings.evidence import evidence_missing
from meetings.models import Guest, Meeting, Participation, SignedSheet
from projects.models import Partnership
from tests.factories import (
    DeliverableFactory,
    MeetingFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    paid_by_headings,
)

TODAY = date(2023, 6, 1)


def lump_sum(plan, officer):
    save_lump_sum_budget(
        user=officer,
        project_id=plan.project.pk,
        amounts=plan.split(50000, 100000, 100000),
        management_work_package_id=plan.management.pk,
    )


def deliverable(plan, package, code, status, due):
    approved = {"approved_at": timezone.now()} if status == "approved" else {}
    return DeliverableFactory(
        project=plan.project,
        work_package=package,
        code=code,
        status=status,
        due_date=due,
        lead_organisation=plan.partner,
        **approved,
    )


def figures(plan, today=TODAY):
    return budget_figures([plan.project.pk], today=today)[plan.project.pk]


def line(result, code):
    return next(line for line in result.lines if line.key == code)


def test_nothing_done_nothing_late_earns_nothing_and_risks_nothing(plan, officer):
    lump_sum(plan, officer)
    deliverable(plan, plan.research, "D2.1", "planned", date(2023, 9, 30))
    result = figures(plan)
    assert (result.planned, result.earned, result.at_risk) == (Decimal("250000"), 0, 0)


def test_a_package_earns_its_approved_share_and_risks_its_late_share(plan, officer):
    lump_sum(plan, officer)
    deliverable(plan, plan.research, "D2.1", "approved", date(2023, 3, 31))
    deliverable(plan, plan.research, "D2.2", "in_progress", date(2023, 5, 22))
    deliverable(plan, plan.research, "D2.3", "planned", date(2023, 12, 31))
    deliverable(plan, plan.research, "D2.4", "submitted", date(2023, 5, 1))
    research = line(figures(plan), "WP2")
    assert research.planned == Decimal("100000.00")
    assert research.earned == Decimal("25000.00")
    assert research.at_risk == Decimal("25000.00")
    assert research.reasons == ["D2.2 is 10 days late"]
    assert [(p.name, p.earned, p.at_risk) for p in research.partners] == [
        ("COORD", Decimal("12500.00"), Decimal("12500.00")),
        ("PART", Decimal("12500.00"), Decimal("12500.00")),
    ]


def test_every_deliverable_approved_earns_the_whole_package(plan, officer):
    lump_sum(plan, officer)
    deliverable(plan, plan.training, "D3.1", "approved", date(2023, 3, 31))
    training = line(figures(plan), "WP3")
    assert (training.earned, training.at_risk) == (Decimal("100000.00"), 0)


def test_partner_totals_add_the_packages(plan, officer):
    lump_sum(plan, officer)
    deliverable(plan, plan.training, "D3.1", "approved", date(2023, 3, 31))
    result = figures(plan)
    assert [(p.name, p.planned, p.earned) for p in result.partners] == [
        ("COORD", Decimal("125000.00"), Decimal("50000.00")),
        ("PART", Decimal("125000.00"), Decimal("50000.00")),
    ]
    assert result.earned_percent == 40


def test_a_held_meeting_without_evidence_puts_management_at_risk(plan, officer):
    lump_sum(plan, officer)
    MeetingFactory(project=plan.project, title="Kick-off", start_date=date(2022, 10, 3),
                   end_date=date(2022, 10, 4), agenda="")  # fmt: skip
    MeetingFactory(project=plan.project, start_date=date(2023, 9, 3), end_date=date(2023, 9, 4))
    management = line(figures(plan), "WP1")
    assert management.is_management
    assert management.at_risk == Decimal("25000.00")
    assert management.earned == 0
    assert len(management.reasons) == 1
    assert "Kick-off of" in management.reasons[0]
    assert (
        "no agenda, no attendance recorded, no signed list of participants"
        in (management.reasons[0])
    )


def test_a_meeting_with_its_agenda_and_attendance_is_earned(plan, officer):
    lump_sum(plan, officer)
    meeting = MeetingFactory(project=plan.project, agenda="1. Welcome")
    person = PersonFactory(organisation=plan.partner)
    Participation.objects.create(meeting=meeting, person=person, attended=True)
    assert "no signed list of participants" in line(figures(plan), "WP1").reasons[0]
    SignedSheet.objects.create(meeting=meeting, file="sheets/signed.pdf", original_filename="x.pdf")
    management = line(figures(plan), "WP1")
    assert (management.earned, management.at_risk) == (Decimal("50000.00"), 0)


def test_evidence_missing_names_each_lack(plan):
    meeting = MeetingFactory(project=plan.project, agenda="")
    assert evidence_missing(meeting) == [
        "no agenda", "no attendance recorded", "no signed list of participants"
    ]  # fmt: skip
    Guest.objects.create(meeting=meeting, name="Ana", organisation_name="X", country="ES",
                         attended=True)  # fmt: skip
    SignedSheet.objects.create(meeting=meeting, file="sheets/signed.pdf", original_filename="x.pdf")
    meeting.agenda = "1. Results"
    assert evidence_missing(Meeting.objects.get(pk=meeting.pk)) == ["no agenda"]
    assert evidence_missing(meeting) == []


def test_budget_headings_earn_by_the_month_the_outputs_and_the_meetings(plan, officer):
    paid_by_headings(plan.project)
    amounts = {
        ("management", plan.coordinator.pk): Decimal("24000"),
        ("outputs", plan.partner.pk): Decimal("200000"),
        ("meetings", plan.partner.pk): Decimal("20000"),
        ("exceptional", plan.partner.pk): Decimal("6000"),
    }
    save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    deliverable(plan, None, "IO1", "approved", date(2023, 1, 31))
    deliverable(plan, None, "IO2", "planned", date(2023, 2, 28))
    MeetingFactory(project=plan.project, agenda="")
    MeetingFactory(project=plan.project, start_date=date(2023, 9, 3), end_date=date(2023, 9, 4))
    result = figures(plan)
    assert [line.key for line in result.lines] == [
        "management", "meetings", "outputs", "exceptional",
    ]  # fmt: skip
    # September 2022 to May 2023: nine of the twenty-four months.
    assert line(result, "management").earned == Decimal("9000.00")
    assert (line(result, "outputs").earned, line(result, "outputs").at_risk) == (
        Decimal("100000.00"),
        Decimal("100000.00"),
    )
    assert line(result, "meetings").at_risk == Decimal("10000.00")
    assert (line(result, "exceptional").earned, line(result, "exceptional").at_risk) == (0, 0)


def test_a_project_without_a_budget_has_no_figures(plan):
    assert budget_figures([plan.project.pk], today=TODAY) == {}


def test_the_figures_of_many_projects_cost_the_same_queries(
    plan, officer, django_assert_num_queries
):
    lump_sum(plan, officer)
    deliverable(plan, plan.research, "D2.1", "approved", date(2023, 3, 31))
    MeetingFactory(project=plan.project)
    with django_assert_num_queries(5):
        budget_figures([plan.project.pk], today=TODAY)
    others = []
    for n in range(4):
        project = ProjectFactory(
            eu_grant=Decimal("1000"),
            action="KA202",
            reference_number=f"2019-1-FR01-KA202-{n:06d}",
        )
        organisation = PartnershipFactory(
            project=project, role=Partnership.Role.COORDINATOR
        ).organisation
        save_headings_budget(user=officer, project_id=project.pk,
                             amounts={("outputs", organisation.pk): Decimal("1000")})  # fmt: skip
        DeliverableFactory(project=project, lead_organisation=organisation,
                           due_date=TODAY - timedelta(days=n + 1))  # fmt: skip
        others.append(project.pk)
    with django_assert_num_queries(5):
        result = budget_figures([plan.project.pk, *others], today=TODAY)
    assert len(result) == 5
    assert all(result[pk].at_risk == Decimal("1000.00") for pk in others)
    assert Deliverable.objects.count() == 5


def multiplier_event(plan, title, guests, **evidence):
    """A multiplier event held in Italy with its agenda, signed list and these guests:
    (organisation, country) pairs who came."""
    event = MeetingFactory(
        project=plan.project, kind=Meeting.Kind.MULTIPLIER, title=title, agenda="1. Results"
    )
    for n, (organisation, country) in enumerate(guests):
        Guest.objects.create(meeting=event, name=f"Guest {n}", organisation_name=organisation,
                             country=country, attended=True)  # fmt: skip
    SignedSheet.objects.create(meeting=event, file="sheets/s.pdf", original_filename="s.pdf")
    return event


def test_a_multiplier_event_is_earned_per_eligible_participant_up_to_the_plan(plan, officer):
    paid_by_headings(plan.project)  # a 2019 call: the rates of 2018, 100 € local, 200 € abroad
    amounts = {
        ("multiplier", plan.coordinator.pk): Decimal("1000"),
        ("multiplier", plan.partner.pk): Decimal("1000"),
        ("management", plan.coordinator.pk): Decimal("248000"),
    }
    save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    # Three from Italy, one from Spain, and partner staff, who are not eligible.
    partner_name = plan.partner.name
    guests = [("School A", "IT"), ("School B", "IT"), ("Town", "IT"), ("Agency", "ES"),
              (partner_name, "IT")]  # fmt: skip
    multiplier_event(plan, "Conference in Torino", guests)
    events = line(figures(plan), "multiplier")
    assert (events.earned, events.at_risk) == (Decimal("500.00"), 0)
    assert "3 local at €100.00 and 1 international at €200.00" in events.basis
    assert [share.earned for share in events.partners] == [Decimal("250.00")] * 2
    # Many more come: paid at most what was planned.
    multiplier_event(plan, "Second conference", [("School C", "DE")] * 20)
    assert line(figures(plan), "multiplier").earned == Decimal("2000.00")


def test_a_multiplier_event_with_no_eligible_participant_is_at_risk(plan, officer):
    paid_by_headings(plan.project)
    amounts = {
        ("multiplier", plan.coordinator.pk): Decimal("2000"),
        ("management", plan.coordinator.pk): Decimal("248000"),
    }
    save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    # Agenda, attendance and signed list, but only the partners' own staff came.
    multiplier_event(plan, "Conference in Torino", [(plan.partner.name, "IT")])
    MeetingFactory(project=plan.project, kind=Meeting.Kind.MULTIPLIER,
                   start_date=date(2023, 9, 3), end_date=date(2023, 9, 3))  # fmt: skip
    events = line(figures(plan), "multiplier")
    assert events.earned == 0
    assert events.at_risk == Decimal("1000.00"), "one of two events, half the plan"
    assert events.reasons[0].endswith("no eligible participant")


def test_each_line_says_what_it_is_paid_for(plan, officer):
    paid_by_headings(plan.project)
    amounts = {
        ("management", plan.coordinator.pk): Decimal("24000"),
        ("outputs", plan.partner.pk): Decimal("226000"),
    }
    save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    deliverable(plan, None, "IO1", "approved", date(2023, 1, 31))
    deliverable(plan, None, "IO2", "planned", date(2023, 9, 30))
    result = figures(plan)
    assert line(result, "management").basis == "paid per month of the project: 9 of 24 months"
    assert line(result, "outputs").basis == "paid as its deliverables are approved: 1 of 2 approved"
    assert line(result, "management").name == "Project management and implementation"
