"""bin/start on a fresh folder: it says what it is doing, and the demo looks like the product
(its own error pages, a favicon), not like Django's debug mode."""

import os
import re
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.processes import free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.worker


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def signed_in_page(site: str, username: str, path: str) -> str:
    """The page at `path` as the demo login `username` sees it, signed in on the sign-in page."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    form = browser.open(f"{site}/accounts/login/", timeout=10).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    fields = {"username": username, "password": "demo", "csrfmiddlewaretoken": csrf}
    request = urllib.request.Request(
        f"{site}/accounts/login/", urllib.parse.urlencode(fields).encode(), {"Referer": site}
    )
    browser.open(request, timeout=10)
    return browser.open(site + path, timeout=10).read().decode()


def answers(url: str) -> bool:
    try:
        fetch(url)
        return True
    except OSError:
        return False


def test_bin_start_shows_its_steps_and_serves_the_products_own_pages(tmp_path):
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(VAR_DIR=str(tmp_path / "var"), PORT=str(port))
    log = tmp_path / "start.log"
    start = subprocess.Popen(
        [str(ROOT / "bin" / "start")],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    site = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: start.poll() is not None or answers(f"{site}/accounts/login/"),
            timeout=300,
            what="bin/start to serve the sign-in page",
        )
        output = log.read_text()
        assert start.poll() is None, output

        # A signing key of this machine's own, which no one else can read.
        key = tmp_path / "var" / "secret_key"
        assert len(key.read_text().strip()) >= 50
        assert key.stat().st_mode & 0o077 == 0

        steps = re.findall(r"^== (.+)$", output, re.M)
        assert [step.split()[0] for step in steps] == [
            "Installing", "Preparing", "Loading", "Gathering", "Starting",
        ]  # fmt: skip
        assert "AXES: BEGIN" not in output

        status, _, page = fetch(f"{site}/projects/no-such-project/")
        assert status == 404
        assert "<title>Not found · Erasmus+ project tracker</title>" in page
        assert "URLconf" not in page  # Django's debug 404 lists every address of the site

        stylesheet = re.search(r'href="(/static/portal/site\.[0-9a-f]+\.css)"', page)
        assert stylesheet, "the collected, hashed stylesheet"
        assert fetch(site + stylesheet.group(1))[0] == 200

        status, headers, _ = fetch(f"{site}/favicon.ico")
        assert status == 200
        assert headers["Content-Type"] == "image/svg+xml"

        # Links written for elsewhere (a mail's, the calendar feed's) lead to this server.
        my_work = signed_in_page(site, "partner", "/my-work/")
        assert f"{site}/calendar/" in my_work
        assert "127.0.0.1:8000" not in my_work
    finally:
        if start.poll() is None:
            os.killpg(start.pid, signal.SIGTERM)
        try:
            start.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a worker slow to shut down on a busy machine
            os.killpg(start.pid, signal.SIGKILL)
            start.wait(timeout=10)
