"""Goal 3 alone, on a network kept between runs: each page against the trivial render().

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> .venv/bin/python -m bench.pages
    ... -m bench.pages --profile "project page" --role partner   # cProfile of its requests
    ... -m bench.pages --profile "project page" --drawn           # of its drawing

The database named by DATABASE_URL, one of its own (it refuses one that holds projects but no
bench network), is migrated and, when it has no bench officer yet, filled by bench.generate
(about a minute and a half); later runs reuse it, so a fix can be measured again in minutes.
Both wall time (perf_counter) and CPU time of this process (process_time) are taken,
interleaved; on a shared, loaded machine the CPU time is the steadier of the two, since
another process's work does not count in it (the database's work does not either: PostgreSQL
runs in its own processes). The load average is printed before and after.
"""

import argparse
import cProfile
import os
import pstats
import statistics

from bench.harness import KEPT_PAGES, PAGE_URLS, clocked, drawn_anew, kept_network, setup_django


def _getter(client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def measure(users: dict, project: int, runs: int, only: str | None = None) -> list[dict]:
    from django.test import Client

    figures = []
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for name, url in PAGE_URLS.items():
            if (name.startswith("dashboard") and role != "officer") or (only and name != only):
                continue
            page = _getter(client, url.format(project=project))
            trivial = _getter(client, "/bench/trivial/")
            versions = {name: page}
            if name in KEPT_PAGES:
                versions = {f"{name}, kept": page, f"{name}, drawn": drawn_anew(page)}
            for version, call in versions.items():
                figures.append(_measured(runs, role, version, call, trivial))
    return figures


def _measured(runs: int, role: str, name: str, page, trivial) -> dict:
    size = len(page().content)
    trivial()
    t = clocked(runs, page=page, trivial=trivial)
    row = {"role": role, "page": name, "bytes": size}
    for clock in ("wall", "cpu"):
        p = statistics.median(t["page"][clock]) * 1000
        r = statistics.median(t["trivial"][clock]) * 1000
        row |= {f"{clock}_page_ms": p, f"{clock}_trivial_ms": r, f"{clock}_ratio": p / r}
    clocks = "   ".join(
        f"{clock} {row[f'{clock}_page_ms']:7.1f} / {row[f'{clock}_trivial_ms']:5.1f} ms"
        f" = {row[f'{clock}_ratio']:5.1f}x"
        for clock in ("wall", "cpu")
    )
    print(f"{name:20} {role:11} {clocks}   {size:,} bytes", flush=True)
    return row


def profile(user, url: str, runs: int, limit: int, drawn: bool = False) -> None:
    """cProfile of `runs` requests after a warm one (the page drawn anew on each, if `drawn`):
    the functions by own and by total time."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    call = _getter(client, url)
    if drawn:
        call = drawn_anew(call)
    call()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        call()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumulative").print_stats(limit)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", choices=list(PAGE_URLS), help="one page only")
    parser.add_argument("--profile", choices=list(PAGE_URLS), help="profile this page instead")
    parser.add_argument("--role", choices=["officer", "coordinator", "partner"], default="partner")
    parser.add_argument("--drawn", action="store_true", help="profile the page drawn anew")
    parser.add_argument("--limit", type=int, default=40, help="functions the profile lists")
    args = parser.parse_args(argv)
    setup_django(urlconf="bench.api_urls")
    users, project = kept_network()
    if args.profile:
        url = PAGE_URLS[args.profile].format(project=project)
        profile(users[args.role], url, args.runs, args.limit, args.drawn)
        return
    print(f"Load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    measure(users, project, args.runs, args.only)
    print(f"Load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
