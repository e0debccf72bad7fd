"""The public sign-in page of an event, as an attacker would try it: outside the event's days,
too many requests, markup in the names, guessed links, forged posts."""

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from meetings.event_sign_in import event_day
from meetings.models import Guest, Meeting, OnlineSignIn

pytestmark = pytest.mark.django_db

# 10:00 in Brussels on the event's first day (the world's meeting: 14-15 March 2023).
DURING = datetime(2023, 3, 14, 9, 0, tzinfo=UTC)
FRENCH_CONSENT = "comme preuve de ma participation"
PERSON = {
    "name": "Ana Pérez",
    "organisation_name": "Escuela de Adultos de Vigo",
    "country": "ES",
    "type": "learner",
    "consent": "on",
}


@pytest.fixture
def sign_in(world):
    meeting = world.own.rows["meetings"]
    meeting.kind = Meeting.Kind.MULTIPLIER
    meeting.save()
    return OnlineSignIn.objects.create(meeting=meeting, language="fr")


@pytest.fixture
def at(monkeypatch):
    def set_now(moment: datetime):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    set_now(DURING)
    return set_now


def url(sign_in):
    return reverse("event-sign-in", args=[sign_in.token])


def test_a_person_signs_in_and_becomes_an_attending_guest(client, sign_in, at):
    page = client.get(url(sign_in))
    assert page.status_code == 200
    assert 'lang="fr"' in page.content.decode()  # the event's language, consent included
    assert FRENCH_CONSENT in page.content.decode()
    response = client.post(url(sign_in), PERSON)
    assert response.status_code == 200
    guest = Guest.objects.get()
    assert (guest.name, guest.organisation_name, guest.type) == (
        "Ana Pérez",
        "Escuela de Adultos de Vigo",
        "learner",
    )
    assert guest.attended and guest.signed_in_online and guest.meeting == sign_in.meeting


def test_the_page_lists_nobody_not_even_who_just_signed_in(client, sign_in, at):
    Guest.objects.create(
        meeting=sign_in.meeting, name="Zoltan Secret", organisation_name="X", country="HU"
    )
    page = client.get(url(sign_in)).content.decode()
    assert "Zoltan" not in page
    done = client.post(url(sign_in), {**PERSON, "name": "Berta Visible"}).content.decode()
    assert "Berta" not in done and "Zoltan" not in done


def test_consent_is_required(client, sign_in, at):
    response = client.post(url(sign_in), {**PERSON, "consent": ""})
    assert response.status_code == 400
    assert not Guest.objects.exists()


def test_an_email_without_consent_to_be_contacted_is_refused(client, sign_in, at):
    response = client.post(url(sign_in), {**PERSON, "email": "ana@example.org"})
    assert response.status_code == 400
    assert not Guest.objects.exists()
    response = client.post(
        url(sign_in), {**PERSON, "email": "ana@example.org", "email_consent": "on"}
    )
    assert response.status_code == 200
    assert Guest.objects.get().email == "ana@example.org"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2023, 3, 13, 22, 59, tzinfo=UTC),  # 23:59 in Brussels the day before
        datetime(2023, 3, 15, 23, 0, tzinfo=UTC),  # 00:00 in Brussels the day after
        datetime(2024, 3, 14, 9, 0, tzinfo=UTC),  # a year later
    ],
)
def test_closed_outside_the_events_days_in_brussels(client, sign_in, at, moment):
    at(moment)
    page = client.get(url(sign_in))
    assert page.status_code == 200 and '<form method="post" novalidate>' not in (
        page.content.decode()
    )
    assert client.post(url(sign_in), PERSON).status_code == 403
    assert not Guest.objects.exists()


def test_open_on_the_first_and_last_brussels_days():
    assert event_day(datetime(2023, 3, 13, 23, 0, tzinfo=UTC)) == date(2023, 3, 14)
    assert event_day(datetime(2023, 3, 15, 22, 59, tzinfo=UTC)) == date(2023, 3, 15)


def test_closed_by_the_coordinator_or_while_the_dates_are_unconfirmed(client, sign_in, at):
    sign_in.is_open = False
    sign_in.save()
    assert client.post(url(sign_in), PERSON).status_code == 403
    sign_in.is_open = True
    sign_in.save()
    Meeting.objects.filter(pk=sign_in.meeting_id).update(
        dates_confirmed=False, start_date=date(2023, 3, 1), end_date=date(2023, 3, 1)
    )
    at(datetime(2023, 3, 1, 9, 0, tzinfo=UTC))
    assert client.post(url(sign_in), PERSON).status_code == 403
    assert not Guest.objects.exists()


def test_markup_in_what_it_accepts_never_runs(client, sign_in, at, world):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post(
        url(sign_in), {**PERSON, "name": script, "organisation_name": f"Org {script}"}
    )
    assert response.status_code == 200
    guest = Guest.objects.get()
    assert guest.name == script  # kept as text...
    client.force_login(world.users["coordinator"])
    page = client.get(reverse("meeting-detail", args=[sign_in.meeting_id])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # ...shown as text
    assert script not in page and "<img src=x" not in page


def test_guessed_and_malformed_links_answer_404(client, sign_in, at):
    for token in ["x", sign_in.token[:-1] + "A", "a" * 43, "../admin"]:
        if token == sign_in.token:
            continue
        response = client.get(f"/attend/{token}/")
        assert response.status_code == 404


def test_guessing_links_is_rate_limited_per_client(client, sign_in, at, settings):
    settings.EVENT_SIGN_IN_LIMIT_PER_CLIENT = "5/hour"
    for n in range(5):
        assert client.get(f"/attend/guess{n}/").status_code == 404
    # The client has used up its requests: even the right link waits now.
    assert client.get(url(sign_in)).status_code == 429
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.get(url(sign_in)).status_code == 200


def test_sign_ins_through_one_link_are_rate_limited(sign_in, at, settings):
    settings.EVENT_SIGN_IN_LIMIT_PER_LINK = "3/hour"
    for n in range(3):
        visitor = Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert visitor.post(url(sign_in), {**PERSON, "name": f"P{n}"}).status_code == 200
    late = Client(REMOTE_ADDR="192.0.2.50")
    assert late.post(url(sign_in), {**PERSON, "name": "P4"}).status_code == 429
    assert Guest.objects.count() == 3


def test_a_post_without_the_csrf_token_is_refused(sign_in, at):
    forger = Client(enforce_csrf_checks=True)
    assert forger.post(url(sign_in), PERSON).status_code == 403
    assert not Guest.objects.exists()
    # With the token the page gives, the same post goes through.
    page = forger.get(url(sign_in))
    token = page.context["csrf_token"]
    assert forger.post(url(sign_in), {**PERSON, "csrfmiddlewaretoken": str(token)}).status_code == (
        200
    )


def test_tokens_are_long_and_random(world):
    meeting = world.own.rows["meetings"]
    first = OnlineSignIn.objects.create(meeting=meeting)
    assert len(first.token) >= 43
    second = OnlineSignIn(meeting=world.other.rows["meetings"])
    assert second.token != first.token


def test_a_demo_instance_opens_on_its_own_day(client, sign_in, at, settings):
    at(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    settings.DEMO_TODAY = date(2023, 3, 15)
    assert client.post(url(sign_in), PERSON).status_code == 200


def test_a_room_behind_one_address_opens_the_link_freely_and_signs_in_to_the_limit(
    client, sign_in, at, settings
):
    settings.EVENT_SIGN_IN_LIMIT_PER_CLIENT_ON_LINK = "3/hour"
    for _ in range(10):
        assert client.get(url(sign_in)).status_code == 200
    for n in range(3):
        assert client.post(url(sign_in), {**PERSON, "name": f"P{n}"}).status_code == 200
    assert client.post(url(sign_in), {**PERSON, "name": "P4"}).status_code == 429
    assert Guest.objects.count() == 3


def test_a_venue_of_150_behind_one_wifi_signs_in_with_the_default_limits(client, sign_in, at):
    for n in range(150):
        assert client.post(url(sign_in), {**PERSON, "name": f"Person {n}"}).status_code == 200
    assert Guest.objects.count() == 150
    # Their sign-ins do not use up the address's allowance of guessed links.
    assert client.get(url(sign_in)).status_code == 200


def test_signing_in_twice_adds_nobody(client, sign_in, at):
    assert client.post(url(sign_in), PERSON).status_code == 200
    # The same person, typed another way: case, accents and spaces aside.
    again = client.post(
        url(sign_in),
        {**PERSON, "name": "ana  perez", "organisation_name": "ESCUELA de adultos de Vigo "},
    )
    assert again.status_code == 200
    assert "déjà sur la liste" in again.content.decode()  # the event's language
    assert Guest.objects.count() == 1


def test_the_same_name_and_email_is_the_same_person_whatever_the_organisation(client, sign_in, at):
    with_email = {**PERSON, "email": "ana@example.org", "email_consent": "on"}
    client.post(url(sign_in), with_email)
    client.post(url(sign_in), {**with_email, "name": "ana pérez", "organisation_name": "EA Vigo"})
    assert Guest.objects.count() == 1


def test_an_email_alone_tells_nobody_whether_its_owner_is_on_the_list(client, sign_in, at):
    # Otherwise anyone holding the event's link could try addresses and learn who is invited.
    Guest.objects.create(
        meeting=sign_in.meeting, name="Ana Pérez", organisation_name="Escuela de Adultos de Vigo",
        country="ES", email="ana@example.org", email_consent=True,
    )  # fmt: skip
    probe = {**PERSON, "name": "Someone Else", "organisation_name": "Elsewhere"}
    response = client.post(url(sign_in), {**probe, "email": "ana@example.org"})
    assert "déjà sur la liste" not in response.content.decode()
    assert not Guest.objects.get(name="Ana Pérez").attended


def test_someone_invited_who_signs_in_is_marked_as_attending(client, sign_in, at):
    invited = Guest.objects.create(
        meeting=sign_in.meeting, name="Ana Perez", organisation_name=PERSON["organisation_name"],
        country="ES",
    )  # fmt: skip
    client.post(url(sign_in), PERSON)
    invited.refresh_from_db()
    assert invited.attended and Guest.objects.count() == 1
    assert invited.signed_in_online  # the coordinator tells it from their own marking


def test_a_name_too_long_for_the_page_is_refused(client, sign_in, at):
    response = client.post(url(sign_in), {**PERSON, "name": "A" * 400})
    assert response.status_code == 400
    assert "au plus 120 caractères" in response.content.decode()
    assert not Guest.objects.exists()


def test_a_missing_consent_says_what_to_do(client, sign_in, at, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(url(sign_in), {**PERSON, "consent": ""}).content.decode()
    assert "Tick the box to agree" in page and "This field is required." not in page


def test_the_visitor_reads_the_page_in_the_language_they_switch_to(client, sign_in, at):
    assert FRENCH_CONSENT in client.get(url(sign_in)).content.decode()
    page = client.get(url(sign_in)).content.decode()
    assert "Signer la feuille de présence" in page and "Se connecter" not in page
    client.post("/i18n/setlang/", {"language": "de", "next": url(sign_in)})
    page = client.get(url(sign_in)).content.decode()
    assert 'lang="de"' in page and "Teilnahme" in page
    assert "In die Anwesenheitsliste eintragen" in page


def test_a_past_events_link_says_the_event_is_over(client, sign_in, at):
    at(datetime(2024, 3, 14, 9, 0, tzinfo=UTC))
    page = client.get(url(sign_in)).content.decode()
    assert "terminé" in page and "jours de l’événement" not in page
