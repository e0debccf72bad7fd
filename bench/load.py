"""Goal 6 alone: throughput under wrk against gunicorn started as the Dockerfile starts it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load_bench \
    REDIS_URL=redis://127.0.0.1:6379/<n> .venv/bin/python -m bench.load [--only "API list"]

gunicorn runs the Dockerfile's own CMD (and a gunicorn.conf.py beside manage.py, should there
be one, which gunicorn reads as in the image), bound to loopback, with DEBUG off, the static
files gathered as the image's build does, and the rest of the environment as given: REDIS_URL
as docker-compose gives the web process (without it, kept pages are kept per worker). The URLs
are the product's plus the baselines (bench.api_urls). wrk keeps 32 connections open for 20 s
on each target, with its default timeout of 2 s, on each target and its baseline in turn
(slices of 5 s):

- the deliverables list (50 rows, a token) against the bare view of the same rows with the same
  token, as an officer and as a partner; goal: at least 0.7 of the bare view's requests per second;
- the project page against the trivial render() through the same middleware (a session), as an
  officer, the project's coordinator and a partner; goal: at least 0.3 of the trivial page's.

Errors (answers other than 2xx and 3xx, failed connects, reads and writes) and timeouts are
counted apart; the goal is none of either. The network is the one bench.pages uses, kept in the
database of DATABASE_URL between runs (bench.harness.kept_network).
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.harness import ROOT

CONNECTIONS, SECONDS, TIMEOUT = 32, 20, "2s"
SLICE_SECONDS = 5
API_GOAL, PAGE_GOAL = 0.7, 0.3


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    timeouts: int


@dataclass
class Pair:
    name: str
    role: str
    target: Load
    baseline: Load
    goal: float

    @property
    def ratio(self) -> float:
        return self.target.requests_per_second / self.baseline.requests_per_second

    @property
    def met(self) -> bool:
        clean = all(load.errors == load.timeouts == 0 for load in (self.target, self.baseline))
        return self.ratio >= self.goal and clean


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    raise SystemExit("The load benchmark needs wrk: apt-get install wrk")


def dockerfile_command() -> list[str]:
    """The Dockerfile's CMD, which the benchmark runs rather than a copy that could drift."""
    text = (ROOT / "Dockerfile").read_text()
    command = json.loads(re.search(r"^CMD\s+(\[.*\])\s*$", text, re.M).group(1))
    assert command[0] == "gunicorn", command
    return command


def server_command(port: int) -> list[str]:
    """The Dockerfile's gunicorn, run by this Python and bound to loopback only."""
    command = dockerfile_command()[1:]
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    return [sys.executable, "-m", "gunicorn", *command]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str) -> dict:
    """The environment docker-compose gives the web process, pointed at the bench database."""
    static = ROOT / "var" / "bench-static"
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "false",
            "DATABASE_URL": database_url, "STATIC_ROOT": str(static),
            "LOG_LEVEL": "WARNING", "GUNICORN_CMD_ARGS": "--log-level warning"}  # fmt: skip


def gather_static(env: dict) -> None:
    """collectstatic as the image's build runs it, so pages find the manifest they need; again
    only when a static file of the tree is newer than the manifest (it takes half a minute)."""
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    sources = [path.stat().st_mtime for path in ROOT.glob("*/static/**/*")
               if path.is_file() and path.relative_to(ROOT).parts[0] != "var"]  # fmt: skip
    if manifest.exists() and manifest.stat().st_mtime > max(sources, default=0):
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(server_command(port), cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_wrk(wrk: str, url: str, header: str, seconds: int) -> Load:
    output = subprocess.run(
        [wrk, "--threads", "2", "--connections", str(CONNECTIONS), "--duration", f"{seconds}s",
         "--timeout", TIMEOUT, "--latency", "--header", header, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    p50, p99 = (re.match(r"([\d.]+)(\w+)", latency[key]).groups() for key in ("50", "99"))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    connect, read, write, timeouts = map(int, socket_errors.groups()) if socket_errors else [0] * 4
    return Load(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(*p50),
        p99_ms=_ms(*p99),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        errors=(int(non_2xx.group(1)) if non_2xx else 0) + connect + read + write,
        timeouts=timeouts,
    )


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_answers(url: str, header: str) -> None:
    """Refuse to measure a target that does not answer 200 (a rejected session would
    otherwise be timed as fast redirects to the sign-in page)."""
    key, value = header.split(": ", 1)
    request = urllib.request.Request(url, headers={key: value})
    try:
        status = urllib.request.build_opener(NoRedirects).open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"{url} answers {status}, not 200: nothing to measure")


def credentials(users: dict) -> dict:
    """{role: (token header, session cookie header)}, stored in the database gunicorn reads."""
    from django.test import Client
    from rest_framework.authtoken.models import Token

    found = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        token = Token.objects.get_or_create(user=user)[0].key
        found[role] = (f"Authorization: Token {token}",
                       f"Cookie: sessionid={client.cookies['sessionid'].value}")  # fmt: skip
    return found


def pairs_to_measure(users: dict, project_id: int) -> list[tuple]:
    """(name, role, target path, baseline path, header, goal) for every pair of goal 6."""
    found = credentials(users)
    pairs = [
        ("API list", role, "/api/deliverables/?page_size=50",
         "/bench/bare/deliverables/?page_size=50", found[role][0], API_GOAL)
        for role in ("officer", "partner")
    ]  # fmt: skip
    pairs += [
        ("project page", role, f"/projects/{project_id}/", "/bench/trivial/", found[role][1],
         PAGE_GOAL)
        for role in ("officer", "coordinator", "partner")
    ]  # fmt: skip
    return pairs


def drain(url: str, header: str) -> None:
    """Wait for what wrk left queued: gunicorn answers in order, so once one request is
    answered, the requests of the run before have been too, and cannot slow the next run."""
    check_answers(url, header)


def interleaved(wrk: str, target: str, baseline: str, header: str, seconds: int) -> dict:
    """{url: Load} of `seconds` each, in slices taken in turn, so that the machine's other work
    weighs on both alike: requests and errors added up, the slowest slice's latencies."""
    slices = max(1, seconds // SLICE_SECONDS)
    runs = {baseline: [], target: []}
    for _ in range(slices):
        for url in runs:
            runs[url].append(run_wrk(wrk, url, header, seconds // slices))
            drain(baseline, header)
    return {url: Load(
        requests_per_second=sum(r.requests_per_second for r in loads) / len(loads),
        p50_ms=max(r.p50_ms for r in loads),
        p99_ms=max(r.p99_ms for r in loads),
        requests=sum(r.requests for r in loads),
        errors=sum(r.errors for r in loads),
        timeouts=sum(r.timeouts for r in loads),
    ) for url, loads in runs.items()}  # fmt: skip


def measure(
    database_url: str, users: dict, project_id: int, seconds: int = SECONDS, only: str = ""
) -> list[Pair]:
    wrk = ensure_wrk()
    env = server_environment(database_url)
    gather_static(env)
    server, base = start_gunicorn(env)
    try:
        results = []
        for name, role, target, baseline, header, goal in pairs_to_measure(users, project_id):
            if only and name != only:
                continue
            target, baseline = base + target, base + baseline
            for url in (baseline, target):
                check_answers(url, header)
                run_wrk(wrk, url, header, seconds=2)  # every worker warm
                drain(baseline, header)
            measured = interleaved(wrk, target, baseline, header, seconds)
            pair = Pair(name, role, measured[target], measured[baseline], goal)
            print(line(pair), flush=True)
            results.append(pair)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def line(pair: Pair) -> str:
    t, b = pair.target, pair.baseline
    return (
        f"{pair.name:12} {pair.role:11} {t.requests_per_second:7.1f} / "
        f"{b.requests_per_second:7.1f} req/s = {pair.ratio:.2f} (goal ≥ {pair.goal}: "
        f"{'met' if pair.met else 'NOT MET'})   p99 {t.p99_ms:.0f} / {b.p99_ms:.0f} ms   "
        f"errors {t.errors}/{b.errors}, timeouts {t.timeouts}/{b.timeouts}"
    )


def describe() -> list[str]:
    """How goal 6 is measured, for docs/benchmarks.md."""
    config = " and `gunicorn.conf.py`" if (ROOT / "gunicorn.conf.py").exists() else ""
    cache = "in Redis" if os.environ.get("REDIS_URL") else "without Redis (kept per worker)"
    return [
        f"gunicorn as the Dockerfile starts it (`{' '.join(dockerfile_command())}`{config}), "
        f"bound to loopback, DEBUG off, the caches {cache}, the static files gathered as the "
        "image's build does; "
        f"wrk on the same machine, 2 threads, {CONNECTIONS} connections, its default timeout of "
        f"{TIMEOUT}, on each target and its baseline in turn in slices of {SLICE_SECONDS} s. The "
        "API list (50 rows) and the bare view of the same rows (goal 1's) both authenticate with "
        "the same token; the project page and the trivial render() go through the same "
        "middleware with the same session. Errors (answers other than 2xx and 3xx, failed "
        "connects, reads and writes) and timeouts of the target, the baseline's in brackets. "
        "Goals: the API list at least 0.7 of the bare view's requests per second, the project "
        "page at least 0.3 of the trivial page's, no error and no timeout.",
    ]


def table(pairs: list[Pair]) -> list[str]:
    """Goal 6's figures as a Markdown table, for docs/benchmarks.md."""
    from bench.report import verdict

    lines = [
        "| what | role | requests/s | baseline | baseline requests/s | ratio | goal | "
        "p50 / p99 | errors | timeouts |",
        "|---|---|---:|---|---:|---:|---|---:|---:|---:|",
    ]
    for p in pairs:
        baseline = "bare view" if p.name == "API list" else "trivial render()"
        lines.append(
            f"| {p.name} | {p.role} | {p.target.requests_per_second:.1f} | {baseline} | "
            f"{p.baseline.requests_per_second:.1f} | {p.ratio:.2f} | ≥ {p.goal}: "
            f"{verdict(p.met)} | {p.target.p50_ms:.0f} / {p.target.p99_ms:.0f} ms | "
            f"{p.target.errors} ({p.baseline.errors}) | {p.target.timeouts} "
            f"({p.baseline.timeouts}) |"
        )
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=SECONDS)
    parser.add_argument("--only", choices=["API list", "project page"], help="one pair only")
    args = parser.parse_args(argv)
    from bench.harness import kept_network, setup_django

    os.environ.setdefault("LOG_LEVEL", "WARNING")  # not every sign-in of the set-up
    setup_django(urlconf="bench.api_urls")
    from common.databases import current_database_url

    users, project = kept_network()
    config = " with gunicorn.conf.py" if (ROOT / "gunicorn.conf.py").exists() else ""
    print(f"{' '.join(dockerfile_command())}{config}", flush=True)
    print(f"Load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    pairs = measure(current_database_url(), users, project, args.seconds, args.only)
    print(f"Load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print("\n".join(table(pairs)))


if __name__ == "__main__":
    main()
