"""The production files: docker-compose.yml against the compose specification, .env.example."""

import importlib
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_the_compose_file_follows_the_compose_specification():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_system_has_its_five_services_and_exactly_one_beat(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["beat"]["deploy"]["replicas"] == 1
    for name in ["db", "redis"]:
        assert services[name]["healthcheck"]["test"], f"{name} needs a health check"
    assert "pgdata" in compose["volumes"]
    assert any("pgdata:" in volume for volume in services["db"]["volumes"])


def test_the_application_services_share_one_image_built_here(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in ["web", "worker", "beat"]}
    assert len(images) == 1
    for name in ["web", "worker", "beat"]:
        assert (ROOT / services[name]["build"] / "Dockerfile").is_file()
        for needed in services[name]["depends_on"]:
            assert needed in services


def commands(compose):
    """Each service's command as words, looking inside `sh -c "..."`."""
    for name, service in compose["services"].items():
        if "command" in service:
            words = shlex.split(service["command"])
            if words[:2] == ["sh", "-c"]:
                words = shlex.split(words[2])
            yield name, words


def test_every_module_and_file_the_commands_name_exists(compose):
    checked = 0
    for name, words in commands(compose):
        for i, word in enumerate(words):
            if word == "manage.py":
                assert (ROOT / word).is_file(), name
                checked += 1
            if word == "-A":
                app_module = importlib.import_module(words[i + 1])
                assert hasattr(app_module, "celery_app"), name
                checked += 1
            if re.fullmatch(r"[a-z_.]+:[a-z_]+", word):
                module, attribute = word.split(":")
                assert hasattr(importlib.import_module(module), attribute), name
                checked += 1
    assert checked == 4  # manage.py, the WSGI application, the worker's and beat's Celery app


def test_migrations_run_before_the_web_server_starts(compose):
    command = compose["services"]["web"]["command"]
    assert command.index("migrate") < command.index("gunicorn")


def test_the_env_example_documents_every_setting():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r"env\.\w+\(\s*\"([A-Z_]+)\"", settings_source))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no environment variable found in settings"
    assert read - documented == set()


def test_the_production_settings_pass_djangos_deployment_checks(tmp_path):
    production = {
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Qp2Lm9Zr4Tv8Wb1Nc6Yd3Hf5Gj0Ks",
        "ALLOWED_HOSTS": "tracker.example.org",
        "SECURE_SSL_REDIRECT": "true",
        "SESSION_COOKIE_SECURE": "true",
        "CSRF_COOKIE_SECURE": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_PRELOAD": "true",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env = {k: v for k, v in os.environ.items() if k not in production}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**env, **production}, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr

    development = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**env, "VAR_DIR": str(tmp_path)}, capture_output=True, text=True,
    )  # fmt: skip
    assert development.returncode != 0, "the development defaults must not pass for production"


def test_commands_print_no_banner_of_django_axes(tmp_path):
    env = {**os.environ, "VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "AXES" not in result.stdout + result.stderr


def manage_check(tmp_path, **settings) -> subprocess.CompletedProcess:
    """`manage.py check` with these settings, none of the caller's, and VAR_DIR in tmp_path."""
    unset = {"DEBUG", "SECRET_KEY", "VAR_DIR", "DJANGO_SETTINGS_MODULE"}
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env |= {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **settings}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_without_debug_the_tracker_refuses_to_sign_with_a_key_anyone_can_read(tmp_path):
    development_key = "insecure-development-key-change-me-in-production"
    # An empty SECRET_KEY in the environment also keeps out one a developer's .env may hold.
    for key in ["", development_key]:
        refused = manage_check(tmp_path, DEBUG="false", SECRET_KEY=key)
        assert refused.returncode != 0
        assert "SECRET_KEY is not set, or is the development key" in refused.stderr
    assert manage_check(tmp_path, DEBUG="true").returncode == 0
    assert manage_check(tmp_path, DEBUG="false", SECRET_KEY="k" * 50).returncode == 0


def test_the_key_bin_start_keeps_in_var_is_the_one_every_process_signs_with(tmp_path):
    (tmp_path / "secret_key").write_text("a key made for this machine alone, " + "q" * 30 + "\n")
    script = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = {name: value for name, value in os.environ.items() if name != "SECRET_KEY"}
    read = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, capture_output=True,
        text=True, env={**env, "VAR_DIR": str(tmp_path), "DEBUG": "false",
                        "DJANGO_SETTINGS_MODULE": "config.settings"},
    )  # fmt: skip
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip().splitlines()[-1] == "a key made for this machine alone, " + "q" * 30


def setting_read(tmp_path, name: str, **environment) -> str:
    env = {key: value for key, value in os.environ.items() if key not in {"PORT", "SITE_URL"}}
    env |= {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    script = f"from django.conf import settings; print(settings.{name})"
    read = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert read.returncode == 0, read.stderr
    return read.stdout.strip().splitlines()[-1]


def test_the_links_name_the_demos_port_unless_site_url_is_set(tmp_path):
    assert setting_read(tmp_path, "SITE_URL", PORT="8123") == "http://127.0.0.1:8123"
    given = {"PORT": "8123", "SITE_URL": "https://tracker.example.org/"}
    assert setting_read(tmp_path, "SITE_URL", **given) == "https://tracker.example.org"
