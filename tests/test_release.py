"""The production image, built without Docker.

The tree as git holds it (HEAD, with any uncommitted change to a tracked file) is laid out as the
image's build context, less what .dockerignore names; the Dockerfile's own steps run on it in a
fresh virtual environment; the production settings pass Django's deployment checks; the compose
file's web command migrates an empty database and gunicorn serves the sign-in page. Reading the
Dockerfile and the compose file, rather than repeating them, keeps this from drifting off the
image: an app left out of the context, a step that fails, a translation not compiled, and this
fails as `docker compose up` would.
"""

import io
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

import psycopg
import pytest
import yaml
from django.conf import settings

from tests.processes import free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.worker

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-key-" + "x7Qp2Lm9Zr4Tv8Wb1Nc6Yd3Hf5Gj0Ks",
    "ALLOWED_HOSTS": "tracker.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
    # As behind the TLS proxy production needs: the requests below say they came by https.
    "TRUST_X_FORWARDED_PROTO": "true",
}


def tree_snapshot() -> str:
    """HEAD, or a commit of the working tree's tracked files when some are changed."""
    stash = subprocess.run(["git", "stash", "create"], cwd=ROOT, capture_output=True, text=True)
    return stash.stdout.strip() or "HEAD"


def ignore_rules() -> list[tuple[bool, re.Pattern]]:
    """.dockerignore's patterns as (excludes, regex); `!` re-includes, the last match wins."""
    rules = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        excludes = not line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        parts = re.split(r"(\*\*/?|\*|\?)", pattern)
        wildcards = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
        regex = "".join(wildcards.get(part, re.escape(part)) for part in parts)
        rules.append((excludes, re.compile(regex)))
    return rules


def ignored(path: str, rules) -> bool:
    """Whether .dockerignore leaves `path` out: itself or a folder it is in matches."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    verdict = False
    for excludes, regex in rules:
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            verdict = excludes
    return verdict


def lay_out_context(into: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", tree_snapshot()], cwd=ROOT, capture_output=True
    )
    assert archive.returncode == 0, archive.stderr.decode()
    rules = ignore_rules()
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        members = [member for member in tar.getmembers() if not ignored(member.name, rules)]
        tar.extractall(into, members=members, filter="data")


def dockerfile_instructions() -> list[tuple[str, str]]:
    lines = [
        line
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if not line.lstrip().startswith("#")
    ]
    text = "\n".join(lines).replace("\\\n", " ")
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
        for line in text.splitlines()
        if line.strip()
    ]


class Image:
    """The image's file system under a folder, and the environment its processes see."""

    def __init__(self, root: Path, venv: Path):
        self.root = root
        self.workdir = root
        self.env = {
            # The base image's Python is this virtual environment's.
            "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
            # The build's pip cache lives there: kept, it saves downloads, not steps.
            "HOME": os.environ.get("HOME", str(root)),
            "LANG": "C.UTF-8",
            # This machine's pip settings (where it finds packages), as a build host's would be.
            **{name: value for name, value in os.environ.items() if name.startswith("PIP_")},
        }

    def path(self, image_path: str) -> Path:
        return self.root / image_path.lstrip("/")

    def run(self, command: str, **env) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["sh", "-c", command],
            cwd=self.workdir,
            env={**self.env, **env},
            capture_output=True,
            text=True,
        )


def build(context: Path, image: Image) -> None:
    """Carry out the Dockerfile. The steps before the project is copied prepare the base
    system (packages, the tracker's user), which this machine already has."""
    copied = False
    for instruction, arguments in dockerfile_instructions():
        if instruction == "ENV":
            for assignment in shlex.split(arguments):
                name, value = assignment.split("=", 1)
                if name == "PIP_NO_CACHE_DIR":
                    continue  # the image keeps no pip cache to stay small; here it saves time
                image.env[name] = str(image.path(value)) if value.startswith("/") else value
        elif instruction == "WORKDIR":
            image.workdir = image.path(arguments)
            image.workdir.mkdir(parents=True, exist_ok=True)
        elif instruction == "COPY":
            *sources, target = shlex.split(arguments)
            destination = image.workdir / target
            for source in sources:
                origin = context / source
                if origin.is_dir():
                    shutil.copytree(origin, destination, dirs_exist_ok=True)
                    continue
                into_folder = target.endswith("/") or len(sources) > 1
                copy = destination / origin.name if into_folder else destination
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, copy)
            copied = True
        elif instruction == "RUN" and copied:
            # Run here as they are, so a change of this machine's system is refused.
            assert not re.match(r"(apt-get|useradd|chown|install -d)\b", arguments), (
                f"RUN {arguments}: prepare the system before the project is copied"
            )
            step = image.run(arguments)
            assert step.returncode == 0, f"RUN {arguments}\n{step.stdout}\n{step.stderr}"


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def web_command(port: int) -> str:
    """The compose file's web command, listening on loopback (what `ports:` publishes)."""
    words = shlex.split(compose()["services"]["web"]["command"])
    command = words[2] if words[:2] == ["sh", "-c"] else shlex.join(words)
    return command.replace("0.0.0.0:8000", f"127.0.0.1:{port}")


def empty_database(tmp_path: Path):
    """A new, empty database on the server the tests use: PostgreSQL, as in production, when
    the tests run on it; an empty SQLite file otherwise."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{tmp_path / 'release.sqlite3'}", lambda: None
    server = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    name = f"test_release_{os.getpid()}"

    def admin(statement: str) -> None:
        with psycopg.connect(dbname=db["NAME"], autocommit=True, **server) as connection:
            connection.execute(statement)

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    url = f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    return url, lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fetch(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


def answers(url: str) -> bool:
    try:
        fetch(url, Host="tracker.example.org", **{"X-Forwarded-Proto": "https"})
        return True
    except OSError:
        return False


def test_the_image_builds_from_the_tree_and_serves_the_sign_in_page(tmp_path):
    context = tmp_path / "context"
    lay_out_context(context)
    venv = tmp_path / "python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    image = Image(tmp_path / "image", venv)
    build(context, image)

    app = image.workdir
    assert (app / "locale" / "fr" / "LC_MESSAGES" / "django.mo").is_file()
    static_root = Path(image.env["VAR_DIR"]) / "static"
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    assert "portal/site.css" in manifest["paths"]

    check = image.run("python manage.py check --deploy --fail-level WARNING", **PRODUCTION)
    assert check.returncode == 0, check.stdout + check.stderr

    database_url, drop_database = empty_database(tmp_path)
    port = free_port()
    log = tmp_path / "web.log"
    compose_env = compose()["x-app"]["environment"]
    web = subprocess.Popen(
        ["sh", "-c", web_command(port)],
        cwd=app,
        env={
            **image.env,
            **compose_env,
            **PRODUCTION,
            "DATABASE_URL": database_url,
            "REDIS_URL": os.environ.get("REDIS_URL", ""),
        },
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        site = f"http://127.0.0.1:{port}"
        wait_until(
            lambda: web.poll() is not None or answers(f"{site}/accounts/login/"),
            timeout=180,
            what="the web command to migrate and gunicorn to answer",
        )
        assert web.poll() is None, log.read_text()
        proxied = {"Host": "tracker.example.org", "X-Forwarded-Proto": "https"}
        status, page = fetch(f"{site}/accounts/login/", **proxied, **{"Accept-Language": "fr"})
        assert status == 200
        assert 'name="password"' in page
        assert "Se connecter" in page  # the compiled French catalogue is in the image
        stylesheet = re.search(r'href="(/static/portal/site\.[0-9a-f]+\.css)"', page)
        assert stylesheet, "the page links the collected, hashed stylesheet"
        assert fetch(site + stylesheet.group(1), **proxied)[0] == 200  # served by WhiteNoise

        unapplied = image.run(
            "python manage.py migrate --check", **PRODUCTION, DATABASE_URL=database_url
        )
        assert unapplied.returncode == 0, unapplied.stdout + unapplied.stderr
    finally:
        if web.poll() is None:
            os.killpg(web.pid, signal.SIGTERM)  # the shell and gunicorn's master and workers
        web.wait(timeout=30)
        drop_database()
