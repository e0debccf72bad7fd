"""Load on gunicorn (2 workers) from wrk on loopback: 64 connections for 30 s per page.

Targets: the deliverables list (API, token), a project page (session) and, as the baseline, a
bare Django view that returns the same deliverables with values() and JsonResponse.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from bench.harness import ROOT

CONNECTIONS, SECONDS, WORKERS = 64, 30, 2


@dataclass
class Load:
    target: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return shutil.which("wrk")
    raise SystemExit("The load benchmark needs wrk: apt-get install wrk")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
           "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--backlog", "2048", "--timeout", "60",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_wrk(wrk: str, target: str, url: str, header: str, seconds: int) -> Load:
    output = subprocess.run(
        [wrk, "--threads", "2", "--connections", str(CONNECTIONS), "--duration", f"{seconds}s",
         "--timeout", "10s", "--latency", "--header", header, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    p50, p99 = (re.match(r"([\d.]+)(\w+)", latency[key]).groups() for key in ("50", "99"))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Load(
        target=target,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(*p50),
        p99_ms=_ms(*p99),
        requests=requests,
        errors=errors,
    )


def check_answers(name: str, url: str, header: str) -> None:
    """Refuse to measure a target that does not answer 200 (a rejected session would
    otherwise be timed as fast redirects to the sign-in page)."""
    key, value = header.split(": ", 1)
    request = urllib.request.Request(url, headers={key: value})
    opener = urllib.request.build_opener(NoRedirects)
    try:
        status = opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"{name} answers {status}, not 200: nothing to measure")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def measure(database_url: str, *, token: str, session: str, project_id: int) -> list[Load]:
    wrk = ensure_wrk()
    server, base = start_gunicorn(database_url)
    cookie = f"Cookie: sessionid={session}"
    targets = [
        ("bare values() view, 50 rows", f"{base}/bench/bare-deliverables/?page_size=50", cookie),
        ("deliverables list, 50 rows", f"{base}/api/deliverables/?page_size=50",
         f"Authorization: Token {token}"),
        ("project page", f"{base}/projects/{project_id}/", cookie),
    ]  # fmt: skip
    try:
        for name, url, header in targets:
            check_answers(name, url, header)
        for _, url, header in targets:  # warm every worker's connections and caches
            run_wrk(wrk, "warm-up", url, header, seconds=2)
        return [run_wrk(wrk, name, url, header, SECONDS) for name, url, header in targets]
    finally:
        server.terminate()
        server.wait(timeout=30)
