"""Helpers for tests that run the tracker's real processes: workers, beat, the web server,
a Redis of their own and a recording mail server, all on loopback."""

import email
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from common.databases import current_database_url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_environment(var_dir: Path, **overrides) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(var_dir),
        "DATABASE_URL": current_database_url(),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start a process of the tracker with its output in `log`."""
    return subprocess.Popen(
        args,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def celery(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "config", *args]


def worker_args(queue: str) -> list[str]:
    return ["--pool=solo", "--queues", queue, "--without-gossip", "--without-mingle",
            "--without-heartbeat", "--loglevel=INFO"]  # fmt: skip


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


def wait_until(condition, *, timeout: float, interval: float = 0.2, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")


def web_server(env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn with one worker on a free port, once it answers the sign-in page."""
    port = free_port()
    server = start(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "60"],
        env, log,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            urllib.request.urlopen(f"{base_url}/accounts/login/", timeout=2)
            return True
        except OSError:
            return False

    wait_until(answers, timeout=30, what="the web server")
    return server, base_url


class MailSink:
    """An SMTP server on loopback that keeps the Message-ID and recipients of every mail."""

    def __init__(self):
        self.port = free_port()
        self.received: list[tuple[str, tuple[str, ...]]] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self._lock:
            self.received.append((message["Message-ID"], tuple(envelope.rcpt_tos)))
        return "250 Message accepted"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def counts(self) -> Counter:
        with self._lock:
            return Counter(message_id for message_id, _ in self.received)

    def __len__(self) -> int:
        with self._lock:
            return len(self.received)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()


class RedisServer:
    """A Redis of the test's own, which it may stop, start again, or replace by a silent one."""

    def __init__(self, folder: Path):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.answers, timeout=10, what="redis-server to start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as link:
                link.sendall(b"PING\r\n")
                return link.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    @contextmanager
    def silent(self):
        """Something listening on Redis's port that accepts connections and never answers."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        held, stopping = [], threading.Event()

        def hold():
            listener.settimeout(0.2)
            while not stopping.is_set():
                try:
                    held.append(listener.accept()[0])
                except OSError:
                    continue

        thread = threading.Thread(target=hold, daemon=True)
        thread.start()
        try:
            yield
        finally:
            stopping.set()
            thread.join()
            for link in held:
                link.close()
            listener.close()
