"""A new password ends the login's API tokens, whichever way it was changed; signing in or
editing the login otherwise leaves them working."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from projects.views import TokenView
from tests.factories import UserFactory

# Transactional: the tokens go once the new password is committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_sign_ins_counted():
    """Each test asks for tokens afresh: the sign-in throttle counts in the cache."""
    cache.clear()


def token_of(client, username: str, password: str = "secret") -> str:
    response = client.post("/api/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def answers(client, token: str) -> int:
    return client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code


def test_changing_ones_password_on_the_page_ends_the_old_token(client):
    UserFactory(username="feuz")
    token = token_of(client, "feuz")
    assert answers(client, token) == 200
    client.force_login(get_user_model().objects.get(username="feuz"))
    changed = client.post(
        "/accounts/password_change/",
        {"old_password": "secret", "new_password1": "a new one, long enough",
         "new_password2": "a new one, long enough"},
    )  # fmt: skip
    assert changed.status_code == 302
    assert answers(client, token) == 401
    assert answers(client, token_of(client, "feuz", "a new one, long enough")) == 200


def test_a_password_set_by_any_other_path_ends_the_tokens_too(client):
    user = UserFactory(username="feuz")
    token = token_of(client, "feuz")
    user.set_password("set from the admin or a shell")
    user.save()
    assert answers(client, token) == 401

    token = token_of(client, "feuz", "set from the admin or a shell")
    user.refresh_from_db()
    user.set_password("set with update_fields")
    user.save(update_fields=["password"])  # as an invitation's acceptance saves it
    assert answers(client, token) == 401


def test_signing_in_and_other_changes_leave_the_token_working(client):
    user = UserFactory(username="feuz")
    token = token_of(client, "feuz")
    client.force_login(user)  # saves last_login
    user.refresh_from_db()
    user.first_name = "Fabienne"
    user.save()
    get_user_model().objects.get(pk=user.pk).save()
    assert answers(client, token) == 200
    assert Token.objects.filter(user=user).count() == 1


def test_the_changepassword_command_ends_the_tokens(client, monkeypatch):
    UserFactory(username="feuz")
    token = token_of(client, "feuz")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "typed at the terminal, long enough")
    call_command("changepassword", "feuz", stdout=io.StringIO())
    assert answers(client, token) == 401


class WeakerHasher(PBKDF2PasswordHasher):
    """The hasher of an older Django, with fewer iterations than today's."""

    algorithm = "pbkdf2_sha256"
    iterations = 1_000


def test_a_hash_renewed_at_sign_in_for_a_stronger_hasher_leaves_the_token(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = UserFactory(username="feuz")
    token = token_of(client, "feuz")
    get_user_model().objects.filter(pk=user.pk).update(
        password=make_password("secret", hasher=WeakerHasher())
    )
    assert token_of(client, "feuz") == token  # signing in renews the hash, as Django does
    user.refresh_from_db()
    assert f"${PBKDF2PasswordHasher.iterations}$" in user.password
    assert answers(client, token) == 200


def test_loading_a_fixture_leaves_the_tokens(client):
    user = UserFactory(username="feuz")
    token = token_of(client, "feuz")
    user.password = make_password("written by a fixture")
    user.save_base(raw=True)
    assert answers(client, token) == 200


def test_a_token_asked_for_while_the_password_changes_is_not_issued(client, monkeypatch):
    user = UserFactory(username="feuz")
    check = TokenView.checked_user

    def checked_then_changed(view, request):
        checked = check(view, request)
        if not getattr(view, "changed", False):  # as a change committed during the check
            view.changed = True
            elsewhere = get_user_model().objects.get(pk=user.pk)
            elsewhere.set_password("changed meanwhile, long enough")
            elsewhere.save()
        return checked

    monkeypatch.setattr(TokenView, "checked_user", checked_then_changed)
    response = client.post("/api/auth/token/", {"username": "feuz", "password": "secret"})
    assert response.status_code == 400
    assert not Token.objects.filter(user=user).exists()


def test_a_hash_renewed_while_a_token_is_asked_for_keeps_the_token(client, monkeypatch):
    user = UserFactory(username="feuz")
    token = token_of(client, "feuz")
    check = TokenView.checked_user

    def checked_then_renewed(view, request):
        checked = check(view, request)  # as a sign-in elsewhere renews the hash meanwhile
        get_user_model().objects.filter(pk=user.pk).update(password=make_password("secret"))
        return checked

    monkeypatch.setattr(TokenView, "checked_user", checked_then_renewed)
    assert token_of(client, "feuz") == token
    assert answers(client, token) == 200


def test_a_password_that_keeps_changing_while_checked_is_refused_not_an_error(client, monkeypatch):
    UserFactory(username="feuz")
    monkeypatch.setattr("projects.views.issued_token", lambda user, password: None)
    response = client.post("/api/auth/token/", {"username": "feuz", "password": "secret"})
    assert response.status_code == 401
