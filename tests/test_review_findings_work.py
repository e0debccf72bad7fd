"""Findings of the review of the people, work plan, meetings and review pages: each test states
what the product promises and fails while it does not hold."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from deliverables.models import Deliverable
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Brussels-conference-2019"


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def person_data(person, **changes) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "organisation": person.organisation_id,
        "job_title": person.job_title,
        "preferred_language": person.preferred_language,
    }
    return {**data, **changes}


@pytest.fixture
def sent_at_once(monkeypatch):
    from tasks.accounts import send_invitation_mail

    monkeypatch.setattr(
        send_invitation_mail, "apply_async", lambda args, **options: send_invitation_mail.run(*args)
    )


def test_an_officer_cannot_redirect_the_address_of_a_login_with_more_rights(world):
    """An administrator who is staff with rights over logins, but no superuser: an officer who
    moves their address to one of their own resets the password and holds those rights."""
    admin = UserFactory(username="admin-of-logins", email="admin@example.org", is_staff=True)
    admin.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    person = PersonFactory(
        user=admin, email="admin@example.org", organisation=world.own.coordinator_org
    )
    officer = signed_in(world.users["officer"])

    response = officer.post(
        f"/people/{person.pk}/edit/", person_data(person, email="mine@example.net")
    )

    admin.refresh_from_db()
    assert admin.email == "admin@example.org", "the admin's password reset now goes to the officer"
    assert response.status_code in (400, 403)


def test_an_invitation_link_stops_when_its_address_is_corrected(
    world, sent_at_once, django_capture_on_commit_callbacks
):
    """The link mailed to a mistyped address must not keep handing out the login once the
    officer corrects the address."""
    person = PersonFactory(email="berenice@exmaple.org", organisation=world.own.partner_org)
    officer = signed_in(world.users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.post(f"/people/{person.pk}/login/invite/").status_code == 302
    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/invitation/[^\s]+/)", message.body)[1]
    response = officer.post(
        f"/people/{person.pk}/edit/", person_data(person, email="berenice@example.org")
    )
    assert response.status_code == 302

    stranger = Client()
    taken = stranger.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    person.refresh_from_db()
    assert not person.user.has_usable_password(), "whoever read the wrong mailbox has the login"
    assert taken.status_code == 400


@pytest.mark.parametrize("package", ["²", "¹⁰", "①"])
def test_an_odd_digit_as_the_new_deliverables_package_is_no_server_error(world, package):
    coordinator = signed_in(world.users["coordinator"])

    response = coordinator.get(
        f"/projects/{world.own.project.pk}/work-plan/deliverables/new/", {"package": package}
    )

    assert response.status_code == 200


def test_a_deliverable_code_with_a_line_break_is_refused_beside_the_field(world):
    """A code is one line: with a line break it reaches the review mails' subject, which Django
    refuses to send (BadHeaderError), so the coordinator and the lead are never told."""
    coordinator = signed_in(world.users["coordinator"])
    project = world.own.project

    response = coordinator.post(
        f"/projects/{project.pk}/work-plan/deliverables/new/",
        {
            "code": "D9\nBcc: x",
            "title": "Toolkit",
            "kind": Deliverable._meta.get_field("kind").choices[0][0],
            "lead_organisation": world.own.partner_org.pk,
            "due_date": "2024-02-28",
            "dissemination_level": Deliverable._meta.get_field("dissemination_level").choices[0][0],
        },
    )

    assert not Deliverable.objects.filter(code__contains="\n").exists()
    assert response.status_code == 400


def test_the_review_mail_goes_out_for_every_code_the_page_accepts(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from deliverables.services import submit_deliverable
    from tasks import reviews

    task = reviews.send_handed_in_mail
    monkeypatch.setattr(task, "apply_async", lambda args, **options: task.run(*args))
    deliverable = world.own.rows["deliverables"]
    Deliverable.objects.filter(pk=deliverable.pk).update(code="D1\nX")
    deliverable.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        submit_deliverable(
            deliverable=deliverable,
            submitted_by=world.users["partner"],
            link="https://example.org/toolkit",
        )

    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]


def test_an_officer_saves_a_network_governance_meeting_from_its_page(world):
    """Officers run the network's own meetings (may_run_project), and the page offers them the
    edit form; but its kinds leave out "governance", so the meeting cannot be saved as it is."""
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(
        project=None,
        kind="governance",
        title="General assembly",
        start_date="2024-03-01",
        end_date="2024-03-01",
    )
    officer = signed_in(world.users["officer"])

    response = officer.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "kind": "governance",
            "title": "General assembly, Lisbon",
            "start_date": "2024-03-01",
            "end_date": "2024-03-01",
        },
    )

    meeting.refresh_from_db()
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S)
    assert response.status_code == 302, errors
    assert meeting.title == "General assembly, Lisbon"


def test_a_meeting_moved_on_its_page_tells_the_projects_contacts(world):
    """The API and the admin record "meeting moved" and tell the project's contacts; the page's
    form has already written the new dates on the meeting it hands the service, which then
    reads them as the dates "before" and sees no move."""
    from activity.models import Event

    meeting = world.own.rows["meetings"]  # 14–15 March 2023
    coordinator = signed_in(world.users["coordinator"])

    response = coordinator.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "kind": meeting.kind,
            "title": meeting.title,
            "start_date": "2023-03-21",
            "end_date": "2023-03-22",
            "city": meeting.city,
            "country": meeting.country,
            "host_organisation": world.own.coordinator_org.pk,
        },
    )

    assert response.status_code == 302, response.content.decode()[-600:]
    meeting.refresh_from_db()
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat()) == (
        "2023-03-21",
        "2023-03-22",
    )
    moved = Event.objects.filter(verb=Event.Verb.MEETING_MOVED, target=meeting.title)
    assert moved.exists(), "nobody is told the meeting moved"
