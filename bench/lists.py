"""Goals 1 and 4 alone, on a network kept between runs (as bench.pages keeps it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> .venv/bin/python -m bench.lists
    ... -m bench.lists --only meetings --rows 500            # one list
    ... -m bench.lists --profile meetings --role officer     # cProfile of its requests
    ... -m bench.lists --plans                               # the access queries, explained

Each list against the bare values() view of the same scope and order (bench.api_urls), at 50
and 500 rows, as officer and partner, interleaved; wall time and this process's CPU time, since
on a shared machine the CPU time is the steadier (PostgreSQL's own work is not in it). The load
average is printed before and after.
"""

import argparse
import os
import statistics

from bench.harness import clocked, kept_network, setup_django
from bench.pages import _getter, profile

SIZES = (50, 500)
GOALS = {50: 1.5, 500: 2.0}


def measure(users: dict, runs: int, only: str | None, sizes) -> list[dict]:
    from django.test import Client

    from bench.api_counts import list_endpoints

    figures = []
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for resource in list_endpoints():
            if only and resource != only:
                continue
            if client.get(f"/api/{resource}/?page_size=1").status_code == 403:
                continue  # not this role's list
            for size in sizes:
                endpoint = _getter(client, f"/api/{resource}/?page_size={size}")
                bare = _getter(client, f"/bench/bare/{resource}/?page_size={size}")
                endpoint(), bare()
                t = clocked(runs, endpoint=endpoint, bare=bare)
                row = {"role": role, "resource": resource, "rows": size}
                for clock in ("wall", "cpu"):
                    e = statistics.median(t["endpoint"][clock]) * 1000
                    b = statistics.median(t["bare"][clock]) * 1000
                    row |= {f"{clock}_endpoint_ms": e, f"{clock}_bare_ms": b,
                            f"{clock}_ratio": e / b}  # fmt: skip
                figures.append(row)
                clocks = "   ".join(
                    f"{clock} {row[f'{clock}_endpoint_ms']:6.1f} / {row[f'{clock}_bare_ms']:6.1f}"
                    f" ms = {row[f'{clock}_ratio']:4.2f}x"
                    for clock in ("wall", "cpu")
                )
                # Read on CPU time: the wall time moves with the machine's other work.
                mark = "" if row["cpu_ratio"] <= GOALS[size] else "  (over)"
                print(f"{resource:15} {role:8} {size:4}   {clocks}{mark}", flush=True)
    return figures


def plans(users: dict) -> None:
    """Every query of the lists and pages under EXPLAIN ANALYZE: JIT, and the estimates that
    are 10 times off or more."""
    from bench.goals import off_by
    from bench.goals import plans as explain

    explained = explain(users, users["partner"].person.partnerships.first().project_id)
    print(f"{len(explained)} queries, {sum(p['jit'] for p in explained)} with JIT")
    for plan in explained:
        if off_by(plan) >= 10:
            print(f"{plan['role']:8} {plan['url']:45} planned {plan['planned']:>7} "
                  f"found {plan['found']:>6} ({off_by(plan):.0f}x) {plan['ms']:.1f} ms "
                  f"{'JIT ' if plan['jit'] else ''}{plan['sql'][:70]}")  # fmt: skip


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", help="one list only (its URL prefix)")
    parser.add_argument("--rows", type=int, choices=SIZES, help="one page size only")
    parser.add_argument("--profile", help="profile this list instead")
    parser.add_argument("--role", choices=["officer", "partner"], default="officer")
    parser.add_argument("--plans", action="store_true", help="explain the queries instead")
    parser.add_argument("--limit", type=int, default=40, help="functions the profile lists")
    args = parser.parse_args(argv)
    setup_django(urlconf="bench.api_urls")
    everyone, _project = kept_network()
    users = {role: everyone[role] for role in ("officer", "partner")}
    if args.profile:
        url = f"/api/{args.profile}/?page_size={args.rows or 500}"
        profile(users[args.role], url, args.runs, args.limit)
        return
    if args.plans:
        from bench.goals import scopes

        for s in scopes(users):
            print(f"{s['role']:8} {s['scope']:15} planned {s['planned']:>7} found {s['found']:>7} "
                  f"({s['off_by']:.1f}x)", flush=True)  # fmt: skip
        plans(users)
        return
    print(f"Load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    measure(users, args.runs, args.only, (args.rows,) if args.rows else SIZES)
    print(f"Load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
