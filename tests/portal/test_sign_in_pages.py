"""Sign in, sign out and password reset, through Django's views and the tracker's templates."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_labels_its_fields(client):
    page = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert "csrfmiddlewaretoken" in page


def test_a_wrong_password_says_so_and_keeps_the_name(client):
    UserFactory(username="partner")
    response = client.post("/accounts/login/", {"username": "partner", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "enter a correct username and password" in page
    assert 'value="partner"' in page


@pytest.mark.parametrize(("role", "home"), [("officer", "/dashboard/"), ("partner", "/my-work/")])
def test_each_role_lands_on_its_own_home(client, world, role, home):
    world.users[role].set_password("secret")
    world.users[role].save()
    response = client.post(
        "/accounts/login/",
        {"username": world.users[role].username, "password": "secret"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == home
    assert response.status_code == 200


def test_pages_ask_anonymous_visitors_to_sign_in(client, world):
    for url in [
        "/",
        "/my-work/",
        "/projects/",
        f"/projects/{world.own.project.pk}/",
        "/dashboard/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_signing_out_takes_a_post_and_ends_the_session(client, world):
    client.force_login(world.users["partner"])
    assert client.get("/accounts/logout/").status_code == 405  # a link cannot sign anyone out
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/my-work/").status_code == 302


def test_a_password_reset_mails_a_link_that_sets_a_new_password(
    client, queued_mail, django_capture_on_commit_callbacks
):
    user = UserFactory(username="partner", email="jana.becker@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password_reset/", {"email": "jana.becker@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jana.becker@example.org"]
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    new_password = "a long new passphrase 2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_sign_in_page_locks_after_five_failures_with_a_clear_page(client):
    UserFactory(username="partner")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "partner", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "partner", "password": "secret"})
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert b"paused until" in locked.content  # the configured pause, not a fixed hour
    assert "_auth_user_id" not in client.session
