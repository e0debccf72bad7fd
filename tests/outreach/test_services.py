"""The log's and the register's rules: who writes in whose name, what the database refuses, and
the newsletter issues that appear in the log by themselves."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activity.models import Event
from newsletters.models import NewsletterIssue
from outreach.models import DisseminationEntry, Result
from outreach.selectors import dissemination_log, platform_row
from outreach.services import (
    log_dissemination,
    register_result,
    remove_dissemination,
    update_dissemination,
)
from tests.conftest import refused_by_database
from tests.factories import DeliverableFactory, OrganisationFactory

ENTRY = {
    "title": "Talk at the regional guidance fair",
    "date": date(2023, 4, 12),
    "place": "Lyon",
    "channel": "event",
    "audience": 80,
}


def test_a_partner_logs_in_its_own_name_and_the_coordinator_hears_of_it(world):
    partner = world.users["partner"]
    entry = log_dissemination(
        project=world.own.project, logged_by=partner, organisation=world.own.partner_org, **ENTRY
    )
    assert entry.pk
    event = Event.objects.get(verb=Event.Verb.DISSEMINATION_LOGGED)
    assert event.target == ENTRY["title"]
    assert event.link == f"/projects/{world.own.project.pk}/dissemination/"
    told = set(event.notifications.values_list("recipient", flat=True))
    assert told == {world.users["coordinator"].pk}


def test_a_partner_may_not_log_nor_change_in_anothers_name(world):
    partner = world.users["partner"]
    with pytest.raises(PermissionDenied, match="their own organisation"):
        log_dissemination(
            project=world.own.project,
            logged_by=partner,
            organisation=world.own.coordinator_org,
            **ENTRY,
        )
    theirs = log_dissemination(
        project=world.own.project,
        logged_by=world.users["coordinator"],
        organisation=world.own.coordinator_org,
        **ENTRY,
    )
    with pytest.raises(PermissionDenied):
        update_dissemination(entry=theirs, changed_by=partner, title="Mine now")
    with pytest.raises(PermissionDenied):
        remove_dissemination(entry=theirs, removed_by=partner)
    mine = world.own.rows["dissemination"]
    with pytest.raises(PermissionDenied):  # nor hand their own to another partner
        update_dissemination(entry=mine, changed_by=partner, organisation=world.own.coordinator_org)


def test_the_coordinator_logs_for_any_partner_but_only_partners(world):
    coordinator = world.users["coordinator"]
    entry = log_dissemination(
        project=world.own.project,
        logged_by=coordinator,
        organisation=world.own.partner_org,
        **ENTRY,
    )
    assert entry.organisation == world.own.partner_org
    with pytest.raises(ValidationError) as refusal:
        log_dissemination(
            project=world.own.project,
            logged_by=coordinator,
            organisation=OrganisationFactory(),
            **ENTRY,
        )
    assert "partners" in str(refusal.value.message_dict["organisation"])


def test_a_negative_audience_is_refused_with_a_message_and_by_the_database(world):
    with pytest.raises(ValidationError) as refusal:
        log_dissemination(
            project=world.own.project,
            logged_by=world.users["officer"],
            organisation=world.own.partner_org,
            **{**ENTRY, "audience": -5},
        )
    assert "audience" in refusal.value.message_dict
    row = world.own.rows["dissemination"]
    with refused_by_database():
        DisseminationEntry.objects.filter(pk=row.pk).update(audience=-1)


def test_the_database_refuses_an_organisation_outside_the_project(world):
    with refused_by_database():
        DisseminationEntry.objects.create(
            project=world.own.project,
            organisation=OrganisationFactory(),
            channel="press",
            **{k: v for k, v in ENTRY.items() if k != "channel"},
        )
    with refused_by_database():
        Result.objects.create(
            project=world.own.project,
            organisation=world.other.coordinator_org,
            title="x",
            description="y",
            licence="cc_by_4",
        )


def test_a_result_comes_from_a_deliverable_of_its_own_project(world):
    officer = world.users["officer"]
    elsewhere = world.other.rows["deliverables"]
    with pytest.raises(ValidationError) as refusal:
        register_result(
            project=world.own.project,
            registered_by=officer,
            organisation=world.own.partner_org,
            title="Guide",
            description="A guide.",
            languages=["en"],
            licence="cc_by_4",
            deliverable=elsewhere,
        )
    assert "deliverable" in refusal.value.message_dict
    with refused_by_database():
        Result.objects.filter(pk=world.own.rows["results"].pk).update(deliverable=elsewhere)


def test_languages_are_iso_codes_of_the_eu_and_programme_countries(world):
    values = {
        "project": world.own.project,
        "registered_by": world.users["officer"],
        "organisation": world.own.partner_org,
        "title": "Guide",
        "description": "A guide.",
        "licence": "cc_by_nc_4",
    }
    result = register_result(**values, languages=["ro", "pt", "fi"])
    assert result.languages == ["ro", "pt", "fi"]
    with pytest.raises(ValidationError) as refusal:
        register_result(**values, languages=["klingon"])
    assert "klingon" in str(refusal.value.message_dict["languages"])
    assert Event.objects.filter(verb=Event.Verb.RESULT_REGISTERED).count() == 1


def test_the_platform_row_names_every_field(world):
    deliverable = DeliverableFactory(
        project=world.own.project,
        code="IO2",
        lead_organisation=world.own.partner_org,
        due_date=date(2023, 6, 30),
    )
    result = world.own.rows["results"]
    result.deliverable = deliverable
    row = platform_row(result, world.own.project)
    assert row["languages"] == "English, Français"
    assert row["licence"] == "CC BY 4.0"
    assert row["deliverable"].startswith("IO2 ")
    assert row["project"].startswith("OWN")


def issue(content: str, *, status="published", sent=42, day=date(2023, 5, 2)):
    published = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    return NewsletterIssue.objects.create(
        period_start=day.replace(day=1),
        period_end=day.replace(day=28),
        language="en",
        generated_content=content,
        status=status,
        published_at=published if status == "published" else None,
        sent_count=sent,
    )


def test_sent_issues_with_an_item_about_the_project_appear_in_its_log(
    world, django_assert_num_queries
):
    about = issue("# Agenda\n\n…\n\n# Progress of the Erasmus+ project OWN\n\nNews.")
    issue("# Launch of the Erasmus+ project OTHER\n", day=date(2023, 6, 2))
    issue("# Progress of the Erasmus+ project OWN\n", status="approved", day=date(2023, 7, 2))
    issue("# Agenda\n\nA meeting of OWNER partners.", day=date(2023, 8, 2))
    edited = issue("# Progress of the Erasmus+ project OWN\n", day=date(2023, 9, 2), sent=0)
    edited.edited_content = "# Agenda only\n"  # the editor took the item out before it went
    edited.save()
    with django_assert_num_queries(2):
        lines = dissemination_log(world.own.project)
    derived = [line for line in lines if line.is_derived]
    assert [line.issue for line in derived] == [about]
    assert derived[0].channel == "newsletter" and derived[0].audience == 42
    assert DisseminationEntry.objects.filter(channel="newsletter").count() == 0  # not copied
    assert [line.entry for line in lines if not line.is_derived] == [
        world.own.rows["dissemination"]
    ]


def test_a_partner_with_dissemination_or_results_is_not_taken_out_of_the_project(world):
    from projects.models import Partnership
    from projects.services import remove_partnership

    partnership = Partnership.objects.get(
        project=world.own.project, organisation=world.own.partner_org
    )
    world.own.rows["deliverables"].delete()
    world.own.rows["action-items"].delete()
    with pytest.raises(ValidationError) as refusal:
        remove_partnership(partnership=partnership, removed_by=world.users["officer"])
    assert "dissemination “Article in the regional press”" in str(refusal.value)
    assert "result “Guide to digital mediation”" in str(refusal.value)
