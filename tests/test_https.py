"""X-Forwarded-Proto is believed only when a proxy in front is said to set it."""

import runpy

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db


def proxy_header(monkeypatch, tmp_path, **environment):
    """SECURE_PROXY_SSL_HEADER as config/settings.py sets it under this environment."""
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    read = runpy.run_path(str(settings.BASE_DIR / "config" / "settings.py"))
    return read.get("SECURE_PROXY_SSL_HEADER")


def test_a_client_claiming_https_is_still_redirected_to_https(client, monkeypatch, tmp_path):
    monkeypatch.delenv("TRUST_X_FORWARDED_PROTO", raising=False)
    header = proxy_header(monkeypatch, tmp_path)
    with override_settings(SECURE_PROXY_SSL_HEADER=header, SECURE_SSL_REDIRECT=True):
        response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_behind_a_proxy_that_sets_it_the_header_says_https(client, monkeypatch, tmp_path):
    header = proxy_header(monkeypatch, tmp_path, TRUST_X_FORWARDED_PROTO="true")
    with override_settings(SECURE_PROXY_SSL_HEADER=header, SECURE_SSL_REDIRECT=True):
        response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        assert client.get("/accounts/login/").status_code == 301
