"""Exactly once under failures: temporary and permanent mail errors, stopped workers, gaps."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from common.mailing import TransientMailError
from reminders.models import Digest, Reminder
from reminders.services import resend_digest, run_reminders
from tests.factories import DeliverableFactory, PersonFactory

pytestmark = pytest.mark.django_db
DAY = date(2018, 11, 23)


@pytest.fixture
def second_recipient(team):
    """Another lead contact with a deliverable due the same week."""
    person = PersonFactory(organisation=team.coordinator.organisation, first_name="Karim")
    team.project.partnerships.get(role="coordinator").contacts.add(person)
    DeliverableFactory(project=team.project, code="WP1", lead_organisation=person.organisation,
                       due_date=date(2018, 11, 30))  # fmt: skip
    return person


def test_all_digests_of_a_run_share_one_connection(team, second_recipient, scripted):
    report = run_reminders(day=DAY)
    assert report.run.sent == 3  # Élodie, Karim and Julien (also a coordinator contact)
    assert scripted.opened == 1


def test_a_temporary_failure_is_retried_and_holds_nobody_back(
    team, second_recipient, scripted, django_capture_on_commit_callbacks, monkeypatch
):
    scripted.failures = {team.lead.email: smtplib.SMTPServerDisconnected("connection lost")}
    queued = []
    monkeypatch.setattr(
        "tasks.reminders.retry_digest.apply_async",
        lambda args, countdown, **options: queued.append((args, countdown)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = run_reminders(day=DAY)
    assert {m.to[0] for m in mail.outbox} == {team.coordinator.email, second_recipient.email}
    digest = Digest.objects.get(recipient=team.lead)
    assert digest.status == Digest.Status.PENDING
    assert "connection lost" in digest.last_error
    assert queued == [((digest.pk,), 120)]
    assert report.run.failed == 0

    with pytest.raises(TransientMailError):
        resend_digest(digest_id=digest.pk)  # still down: the task backs off and tries again
    scripted.failures = {}
    assert resend_digest(digest_id=digest.pk) == Digest.Status.SENT
    assert [m.to for m in mail.outbox].count([team.lead.email]) == 1
    assert resend_digest(digest_id=digest.pk) == "nothing to do"


def test_a_permanent_failure_is_recorded_with_its_reason(team, scripted, admin_client):
    scripted.failures = {
        team.lead.email: smtplib.SMTPRecipientsRefused(
            {team.lead.email: (550, b"5.1.1 mailbox unknown")}
        )
    }
    report = run_reminders(day=DAY)
    digest = Digest.objects.get(recipient=team.lead)
    assert digest.status == Digest.Status.FAILED
    assert "mailbox unknown" in digest.last_error
    assert report.run.failed == 1
    page = admin_client.get("/admin/reminders/digest/?status__exact=failed")
    assert "mailbox unknown" in page.content.decode()


def test_a_temporary_failure_that_lasts_ends_as_failed(team, scripted, settings):
    settings.REMINDER_MAX_ATTEMPTS = 2
    scripted.failures = {team.lead.email: smtplib.SMTPResponseException(421, b"try later")}
    run_reminders(day=DAY)
    digest = Digest.objects.get(recipient=team.lead)
    assert digest.status == Digest.Status.PENDING
    assert resend_digest(digest_id=digest.pk) == Digest.Status.FAILED


def test_a_digest_left_sending_by_a_stopped_worker_goes_out_on_the_next_run(team, settings):
    run_reminders(day=DAY, dry_run=False)
    digest = Digest.objects.get(recipient=team.lead)
    # As if the worker had been killed after claiming: sending, claimed long ago, not sent.
    Digest.objects.filter(pk=digest.pk).update(
        status=Digest.Status.SENDING,
        claimed_at=timezone.now() - timedelta(minutes=settings.REMINDER_STALE_MINUTES + 1),
        sent_at=None,
    )
    mail.outbox.clear()
    run_reminders(day=DAY + timedelta(days=1))
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    assert digest.attempts == 2
    assert [m.to for m in mail.outbox] == [[team.lead.email]]


def test_a_fresh_claim_is_left_to_the_worker_that_holds_it(team):
    run_reminders(day=DAY)
    digest = Digest.objects.get(recipient=team.lead)
    Digest.objects.filter(pk=digest.pk).update(
        status=Digest.Status.SENDING, claimed_at=timezone.now()
    )
    mail.outbox.clear()
    run_reminders(day=DAY + timedelta(days=1))
    assert mail.outbox == []


def test_gaps_are_reported_and_the_run_goes_on(team):
    team.lead.email = ""
    team.lead.save()
    orphan_org_deliverable = DeliverableFactory(project=team.project, code="IO9",
                                                due_date=date(2018, 11, 28))  # fmt: skip
    report = run_reminders(day=DAY)
    assert any("has no e-mail address" in gap for gap in report.gaps)
    assert any(
        f"IO9 is due 28 Nov 2018, but {orphan_org_deliverable.lead_organisation.short_name} "
        "has no contact person" in gap
        for gap in report.gaps
    )
    assert Digest.objects.get(recipient=team.lead).status == Digest.Status.SKIPPED
    assert "has no e-mail address" in report.run.gaps


def test_the_command_prints_recipients_and_refuses_a_bad_date(team, capsys):
    call_command("send_reminders", "--date", "2018-11-23", "--dry-run")
    out = capsys.readouterr().out
    assert "Would send for 2018-11-23: 1 e-mail(s)." in out
    assert f"<{team.lead.email}> (fr)" in out
    # Items are named as a person names them, not by database id.
    assert "COCADE · IO2 – Vademecum: 2018-11-30 (before-7, lead)" in out
    assert mail.outbox == []
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "23/11/2018")


def test_unsubscribing_from_the_link_needs_no_login(team, client):
    run_reminders(day=DAY)
    [message] = [m for m in mail.outbox if m.to == [team.lead.email]]
    url = message.extra_headers["List-Unsubscribe"].strip("<>").replace("http://127.0.0.1:8000", "")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="frequency" value="daily" checked' in page.content.decode()
    assert '<html lang="fr">' in page.content.decode()  # the lead reads French
    team.lead.refresh_from_db()
    assert team.lead.reminder_frequency == "daily"  # looking changes nothing
    client.post(url, {"frequency": "off"})
    team.lead.refresh_from_db()
    assert team.lead.reminder_frequency == "off"
    assert client.get(url[:-5] + "xxxx/").status_code == 400


def test_reminders_are_kept_once_per_item_window_and_person(team):
    run_reminders(day=DAY)
    run_reminders(day=DAY)
    assert Reminder.objects.count() == 1
