"""The review's mails: changes requested to the lead's contacts, handed in to the coordinator's,
each in its reader's language, with a link its reader can open."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from deliverables.models import Deliverable
from deliverables.services import request_changes, submit_deliverable
from partners.models import Person
from tests.factories import PersonFactory, UserFactory
from tests.reviews_world import build_review_world, hand_in

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def language_restored():
    """A page read as a French reader leaves French active in this thread: not for the next test."""
    yield
    translation.deactivate()


@pytest.fixture
def review_mail(monkeypatch):
    """Run the review's mail tasks at once, as a worker would; the calls say what was queued."""
    from tasks.reviews import send_changes_requested_mail, send_handed_in_mail

    calls = []
    for task in (send_changes_requested_mail, send_handed_in_mail):

        def run(args, task=task, **options):
            calls.append((task.name, tuple(args)))
            task.run(*args)

        monkeypatch.setattr(task, "apply_async", run)
    return calls


@pytest.fixture
def review_world(world):
    return build_review_world(world)


def opened_by(username: str, message) -> list[int]:
    reader = Client()
    reader.force_login(Person.objects.get(user__username=username).user)
    return [reader.get(urlparse(link).path).status_code for link in LINK.findall(message.body)]


def test_handing_in_tells_the_coordinator_who_can_open_the_link(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    deliverable = review_world.deliverable
    with django_capture_on_commit_callbacks(execute=True):
        submit_deliverable(
            deliverable=deliverable, submitted_by=review_world.users["partner"],
            link="https://example.org/guide.pdf", note="Chapters 1 to 3",
        )  # fmt: skip
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]
    message = mail.outbox[0]
    assert "waiting for your review" in message.subject
    assert deliverable.code in message.subject
    assert "Chapters 1 to 3" in message.body
    assert f"/deliverables/{deliverable.pk}/" in message.body
    assert opened_by("coordinator", message) == [200]
    assert message.extra_headers["Message-ID"].startswith("<submission-")


def test_changes_requested_go_to_the_lead_in_their_language(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    deliverable = review_world.deliverable
    Person.objects.filter(user__username="partner").update(preferred_language="fr")
    hand_in(deliverable, review_world.users["partner"])
    with django_capture_on_commit_callbacks(execute=True):
        request_changes(
            deliverable=deliverable, requested_by=review_world.users["coordinator"],
            comment="Ajoutez les logos des partenaires.",
        )  # fmt: skip
    # Not the contributor, not the coordinator who asked: the lead's contacts alone.
    assert [message.to for message in mail.outbox] == [["partner@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Modifications demandées")
    assert "Ajoutez les logos des partenaires." in message.body
    assert "Bonjour" in message.body
    assert opened_by("partner", message) == [200]
    reader = Client()
    reader.force_login(review_world.users["partner"])
    page = reader.get(urlparse(LINK.findall(message.body)[0]).path).content.decode()
    assert "Ajoutez les logos" in page


def test_a_reader_who_never_chose_reads_english(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    deliverable = review_world.deliverable
    hand_in(deliverable, review_world.users["partner"])
    with django_capture_on_commit_callbacks(execute=True):
        request_changes(
            deliverable=deliverable, requested_by=review_world.users["officer"], comment="More"
        )
    assert mail.outbox[0].subject.startswith("Changes requested on OWN D1")


def test_who_acted_gets_no_mail_and_nobody_without_an_address(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    deliverable = review_world.deliverable
    with django_capture_on_commit_callbacks(execute=True):
        submit_deliverable(
            deliverable=deliverable, submitted_by=review_world.users["coordinator"],
            link="https://example.org/guide.pdf",
        )  # fmt: skip
    assert mail.outbox == [] and review_mail == []
    Person.objects.filter(user__username="partner").update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        request_changes(
            deliverable=deliverable, requested_by=review_world.users["coordinator"], comment="No"
        )
    assert mail.outbox == []


def test_a_code_stored_with_a_line_break_still_gives_a_one_line_subject(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    """Rows written before codes were checked, or straight into the database: the subject is
    made one line rather than refused by the mail library (BadHeaderError), telling nobody."""
    deliverable = review_world.deliverable
    Deliverable.objects.filter(pk=deliverable.pk).update(code="D1\r\nBcc: x\t 2")
    deliverable.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        submit_deliverable(
            deliverable=deliverable, submitted_by=review_world.users["partner"],
            link="https://example.org/guide.pdf",
        )  # fmt: skip
    [message] = mail.outbox
    assert message.to == ["coordinator@example.org"]
    assert "D1 Bcc: x 2 is waiting for your review" in message.subject
    assert message.message()["Bcc"] is None


def test_only_contacts_with_an_active_login_get_review_mails(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    """The mail's link opens a page behind the sign-in: someone with no login, or a
    deactivated one, could not follow it (notices, likewise, go to logins only)."""
    coordinator = Person.objects.get(user__username="coordinator")
    partnership = coordinator.partnerships.get(project=review_world.deliverable.project)
    no_login = PersonFactory(email="no-login@example.org", organisation=coordinator.organisation)
    gone = PersonFactory(
        email="gone@example.org",
        organisation=coordinator.organisation,
        user=UserFactory(username="gone", is_active=False),
    )
    partnership.contacts.add(no_login, gone)
    with django_capture_on_commit_callbacks(execute=True):
        submit_deliverable(
            deliverable=review_world.deliverable, submitted_by=review_world.users["partner"],
            link="https://example.org/guide.pdf",
        )  # fmt: skip
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]


def test_a_refused_request_queues_no_mail(
    review_world, review_mail, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    hand_in(review_world.deliverable, review_world.users["partner"])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        request_changes(
            deliverable=review_world.deliverable,
            requested_by=review_world.users["coordinator"],
            comment=" ",
        )
    assert review_mail == [] and mail.outbox == []
