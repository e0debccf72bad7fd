"""Logins by invitation: the mail, its one-time link opened by the invited person, and what an
officer may and may not do with logins."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from partners.models import Invitation, Person
from projects.roles import OFFICERS_GROUP
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Brussels-conference-2019"


@pytest.fixture
def sent_at_once(monkeypatch):
    """Mail an invitation when its task is queued, as a worker would; the calls are listed."""
    from tasks.accounts import send_invitation_mail

    calls = []

    def run(args, **options):
        calls.append(tuple(args))
        send_invitation_mail.run(*args)

    monkeypatch.setattr(send_invitation_mail, "apply_async", run)
    return calls


@pytest.fixture
def officer_client(client, world):
    client.force_login(world.users["officer"])
    return client


@pytest.fixture
def newcomer(world):
    return PersonFactory(
        first_name="Bérénice",
        last_name="Lefèvre",
        email="Berenice.Lefevre@example.org",
        organisation=world.own.partner_org,
    )


def invite(client, person, action="invite"):
    response = client.post(f"/people/{person.pk}/login/{action}/")
    assert response.status_code == 302, response.content.decode()
    return response


def link_in(message) -> str:
    """The invitation's path, as the person copies it from the mail."""
    return re.search(r"https?://[^/\s]+(/invitation/[^\s]+/)", message.body)[1]


def signs_in(username: str, password: str) -> bool:
    """Whether the sign-in page lets them in."""
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def choose_password(path: str, **headers):
    visitor = Client(**headers)
    response = visitor.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    return visitor, response


def test_the_invited_person_chooses_a_password_and_lands_on_my_work(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    newcomer.refresh_from_db()
    login = newcomer.user
    assert login.username == "berenice.lefevre@example.org"
    assert not login.has_usable_password()
    assert (login.is_staff, login.is_superuser, login.groups.count()) == (False, False, 0)

    [message] = mail.outbox
    assert message.to == ["Berenice.Lefevre@example.org"]
    assert message.subject == "Your login to the Erasmus+ project tracker"
    assert "Hello Bérénice Lefèvre," in message.body
    assert "berenice.lefevre@example.org" in message.body  # the name they sign in with
    page = officer_client.get(f"/people/{newcomer.pk}/").content.decode()
    assert re.search(r"Invited on \d+ \w+ \d{4}", page)

    path = link_in(message)
    visitor = Client()
    form = visitor.get(path)
    assert form.status_code == 200
    assert "Choose your password" in form.content.decode()

    response = visitor.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    my_work = visitor.get("/my-work/")
    assert my_work.status_code == 200 and my_work.wsgi_request.user == login
    assert "Your password is saved." in my_work.content.decode()
    login.refresh_from_db()
    assert login.check_password(PASSWORD)
    assert "Active" in officer_client.get(f"/people/{newcomer.pk}/").content.decode()

    # Used once, the link works no more; the password reset is the way from now on.
    again = Client().get(path)
    assert again.status_code == 400
    assert "does not work" in again.content.decode()
    assert signs_in(login.username, PASSWORD)


def test_a_password_the_validators_refuse_is_shown_beside_the_field(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    path = link_in(mail.outbox[0])
    response = Client().post(path, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 400
    assert "This password is entirely numeric." in response.content.decode()
    assert not Person.objects.get(pk=newcomer.pk).user.has_usable_password()
    assert Client().get(path).status_code == 200  # not used up by a refused attempt


def test_an_expired_link_says_so(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    Invitation.objects.filter(person=newcomer).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    path = link_in(mail.outbox[0])
    for response in (Client().get(path), choose_password(path)[1]):
        assert response.status_code == 400
        assert "This invitation link has expired." in response.content.decode()
    assert not Person.objects.get(pk=newcomer.pk).user.has_usable_password()


def test_the_link_expires_after_the_configured_days(officer_client, newcomer, settings):
    settings.INVITATION_DAYS = 3
    before = timezone.now()
    invite(officer_client, newcomer)
    invitation = Invitation.objects.get(person=newcomer)
    assert before + timedelta(days=3) <= invitation.expires_at <= timezone.now() + timedelta(days=3)


def test_resending_mails_a_new_link_and_the_old_one_stops(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(officer_client, newcomer, "resend")
    told = officer_client.get(response["Location"]).content.decode()
    assert "the previous link no longer works" in told
    first, second = (link_in(message) for message in mail.outbox)
    assert first != second
    assert Client().get(first).status_code == 400
    assert choose_password(second)[1].status_code == 302


def test_correcting_the_address_stops_the_link_and_renames_the_waiting_login(
    officer_client, world, sent_at_once, django_capture_on_commit_callbacks
):
    """The link mailed to a mistyped address must not hand the login to whoever reads that
    mailbox once the officer corrects the address; the login follows the corrected one."""
    person = PersonFactory(email="berenice@exmaple.org", organisation=world.own.partner_org)
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, person)
    [message] = mail.outbox
    form = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": "berenice@example.org",
        "organisation": person.organisation_id,
        "job_title": person.job_title,
        "preferred_language": person.preferred_language,
    }
    assert officer_client.post(f"/people/{person.pk}/edit/", form).status_code == 302

    _visitor, taken = choose_password(link_in(message))

    person.refresh_from_db()
    assert taken.status_code == 400
    assert not person.user.has_usable_password()
    assert (person.user.username, person.user.email) == ("berenice@example.org",) * 2
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, person, "resend")
    assert mail.outbox[-1].to == ["berenice@example.org"]
    assert choose_password(link_in(mail.outbox[-1]))[1].status_code == 302


def test_deactivating_revokes_the_link_and_reactivating_does_not_revive_it(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    path = link_in(mail.outbox[0])
    invite(officer_client, newcomer, "deactivate")
    assert "Deactivated" in officer_client.get(f"/people/{newcomer.pk}/").content.decode()
    assert choose_password(path)[1].status_code == 400

    invite(officer_client, newcomer, "reactivate")
    page = officer_client.get(f"/people/{newcomer.pk}/").content.decode()
    assert "no longer works; send a new one" in page
    assert Client().get(path).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer, "resend")
    assert choose_password(link_in(mail.outbox[-1]))[1].status_code == 302


def test_a_deactivated_login_is_signed_out_and_cannot_sign_in(officer_client, world):
    partner = world.users["partner"]
    partner.set_password(PASSWORD)
    partner.save()
    session = Client()
    session.force_login(partner)
    assert session.get("/my-work/").status_code == 200

    invite(officer_client, partner.person, "deactivate")
    assert session.get("/my-work/").status_code == 302  # back to the sign-in page
    assert not signs_in(partner.username, PASSWORD)

    invite(officer_client, partner.person, "reactivate")
    assert signs_in(partner.username, PASSWORD)


def test_the_mail_goes_once_however_often_the_task_runs(officer_client, newcomer):
    from tasks.accounts import send_invitation_mail

    invite(officer_client, newcomer)
    invitation = Invitation.objects.get(person=newcomer)
    assert send_invitation_mail.run(invitation.pk) == "sent"
    assert send_invitation_mail.run(invitation.pk) == "nothing to send"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<invitation-{invitation.pk}@")


def test_a_revoked_invitation_is_not_mailed(officer_client, newcomer):
    from tasks.accounts import send_invitation_mail

    invite(officer_client, newcomer)
    first = Invitation.objects.get(person=newcomer)
    invite(officer_client, newcomer, "resend")
    assert send_invitation_mail.run(first.pk) == "nothing to send"
    assert mail.outbox == []


@pytest.mark.parametrize(
    "language, subject",
    [
        ("fr", "Votre accès au suivi des projets Erasmus+"),
        ("", "Your login to the Erasmus+ project tracker"),
        ("lt", "Your login to the Erasmus+ project tracker"),  # no Lithuanian pages yet
    ],
)
def test_the_mail_is_in_the_persons_language_else_english(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks, language, subject
):
    newcomer.preferred_language = language
    newcomer.save()
    with django_capture_on_commit_callbacks(execute=True):
        # The officer reads German: the mail is the person's, not theirs.
        officer_client.cookies["django_language"] = "de"
        invite(officer_client, newcomer)
    assert mail.outbox[0].subject == subject


def test_the_invitation_page_follows_the_browser_of_a_person_who_never_chose(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    path = link_in(mail.outbox[0])
    page = Client(headers={"accept-language": "de"}).get(path).content.decode()
    assert '<html lang="de">' in page
    visitor, response = choose_password(path, headers={"accept-language": "de"})
    assert '<html lang="de">' in visitor.get(response["Location"]).content.decode()


def test_the_invitation_page_speaks_the_language_chosen_for_the_person(
    officer_client, newcomer, sent_at_once, django_capture_on_commit_callbacks
):
    newcomer.preferred_language = "fr"
    newcomer.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer_client, newcomer)
    path = link_in(mail.outbox[0])
    browser_in_german = Client(headers={"accept-language": "de"})
    assert '<html lang="fr">' in browser_in_german.get(path).content.decode()
    switched = Client(headers={"accept-language": "de"})
    switched.cookies["django_language"] = "it"  # the language switch wins
    assert '<html lang="it">' in switched.get(path).content.decode()


def test_a_forged_link_is_refused(client):
    response = client.get("/invitation/not-a-real-token/")
    assert response.status_code == 400
    assert "does not work" in response.content.decode()


# What an officer may not do with logins.


def test_an_officer_cannot_deactivate_themselves(officer_client, world):
    officer = world.users["officer"]
    me = PersonFactory(user=officer, organisation=world.spare_organisation)
    page = officer_client.get(f"/people/{me.pk}/").content.decode()
    assert "This is your own login" in page and "Deactivate" not in page
    response = officer_client.post(f"/people/{me.pk}/login/deactivate/")
    assert response.status_code == 403
    assert "You cannot change your own login here." in response.content.decode()
    officer.refresh_from_db()
    assert officer.is_active


def test_an_officer_cannot_touch_a_superusers_login(officer_client, world):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    person = PersonFactory(user=admin, organisation=world.spare_organisation)
    response = officer_client.post(f"/people/{person.pk}/login/deactivate/")
    assert response.status_code == 403
    # Nor move its address, where a password reset would go.
    response = officer_client.post(
        f"/people/{person.pk}/edit/",
        {
            "first_name": person.first_name, "last_name": person.last_name,
            "email": "officer.own@example.org", "organisation": person.organisation_id,
        },
    )  # fmt: skip
    assert response.status_code == 403
    admin.refresh_from_db()
    person.refresh_from_db()
    assert admin.is_active and admin.email == "admin@example.org"
    assert person.email != "officer.own@example.org"


def test_a_peer_officers_login_offers_no_buttons_and_refuses_them(officer_client, world):
    """A peer's account is not another officer's to redirect: only an administrator's."""
    peer = UserFactory(username="peer", email="peer@example.org")
    peer.groups.add(Group.objects.get_or_create(name=OFFICERS_GROUP)[0])
    person = PersonFactory(user=peer, organisation=world.spare_organisation)
    page = officer_client.get(f"/people/{person.pk}/").content.decode()
    assert "Only an administrator manages this login" in page and "Deactivate" not in page
    response = officer_client.post(f"/people/{person.pk}/login/deactivate/")
    assert response.status_code == 403
    assert "rights of its own" in response.content.decode()
    peer.refresh_from_db()
    assert peer.is_active


def test_rights_cannot_be_posted_along(officer_client, newcomer):
    officer_client.post(
        f"/people/{newcomer.pk}/login/invite/",
        {"is_staff": "on", "is_superuser": "on", "groups": OFFICERS_GROUP},
    )
    officer_client.post(
        f"/people/{newcomer.pk}/edit/",
        {
            "first_name": "B", "last_name": "L", "email": newcomer.email,
            "organisation": newcomer.organisation_id, "user": "1", "is_staff": "on",
        },
    )  # fmt: skip
    login = Person.objects.get(pk=newcomer.pk).user
    assert (login.is_staff, login.is_superuser, login.groups.count()) == (False, False, 0)


def test_an_invitation_needs_an_address_and_a_free_login_name(officer_client, world):
    silent = PersonFactory(email="", organisation=world.spare_organisation)
    response = officer_client.post(f"/people/{silent.pk}/login/invite/")
    assert response.status_code == 400
    assert "Add the person&#x27;s e-mail address first" in response.content.decode()

    UserFactory(username="taken@example.org")
    taken = PersonFactory(email="Taken@example.org", organisation=world.spare_organisation)
    response = officer_client.post(f"/people/{taken.pk}/login/invite/")
    assert response.status_code == 400
    assert "A login named taken@example.org exists already" in response.content.decode()
    assert not Invitation.objects.exists()
    assert get_user_model().objects.filter(username__iexact="taken@example.org").count() == 1


def test_a_person_with_a_login_is_not_invited_twice(officer_client, world):
    response = officer_client.post(f"/people/{world.own.people[1].pk}/login/invite/")
    assert response.status_code == 400
    assert "This person has a login already." in response.content.decode()


def test_an_unknown_action_is_not_found(officer_client, newcomer):
    assert officer_client.post(f"/people/{newcomer.pk}/login/promote/").status_code == 404
    assert officer_client.get(f"/people/{newcomer.pk}/login/invite/").status_code == 405
