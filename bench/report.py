"""docs/benchmarks.md: the figures of one run, each beside its goal, with the machine."""

import os
import platform
from pathlib import Path

from bench.harness import ROOT


def machine_lines(postgres_version: int) -> list[str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]  # fmt: skip
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 2**20:.0f} GiB of memory"
    import django

    major, minor = divmod(postgres_version, 10000)
    return [
        f"- {cpu}, {os.cpu_count()} cores{memory}; shared with other work, so figures vary by "
        "a few per cent between runs",
        f"- PostgreSQL {major}.{minor} on the same machine, Python {platform.python_version()}, "
        f"Django {django.get_version()}",
    ]


def fmt_load(load) -> str:
    return ", ".join(f"{x:.2f}" for x in load)


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def both_verdicts(row: dict, goal: float) -> str:
    """The goal read on both clocks: wall time (what a reader waits) and the web process's CPU
    time (steadier on a shared machine; the database's work is not in it)."""
    return (
        f"≤ {goal}: wall {verdict(row['ratio'] <= goal)}, CPU {verdict(row['cpu_ratio'] <= goal)}"
    )


def tally(rows: list[dict], goal: float) -> str:
    wall = sum(r["ratio"] <= goal for r in rows)
    cpu = sum(r["cpu_ratio"] <= goal for r in rows)
    return f"{wall} of {len(rows)} on wall time, {cpu} of {len(rows)} on CPU time"


def goal_lines(g: dict) -> list[str]:
    """Issue 16's goals 1-4, each figure beside its goal (bench.goals)."""
    from bench.goals import GROWTH_GOAL, LIST_GOALS, off_by

    lists = g["lists"]
    lines = [
        "## Goal 1: every API list against a bare view, as officer, coordinator and partner",
        "",
        "The bare view runs the list's own scope, filter and order (its viewset's "
        "`get_queryset()`) and returns its own-table columns with `values()` and "
        "`JsonResponse`: no serializer, no paging, no count. Both signed in with the same "
        "session; interleaved runs, medians of wall time and of the web process's CPU time. "
        "Goal: at most 1.5 at 50 rows, 2 at 500.",
        "",
        *(
            f"- At {size} rows: {tally([r for r in lists if r['rows'] == size], goal)} within "
            "the goal."
            for size, goal in LIST_GOALS.items()
        ),
        "",
        "| list | role | rows | endpoint | bare | ratio (wall) | endpoint, bare (CPU) | "
        "ratio (CPU) | goal |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in lists:
        lines.append(
            f"| /api/{r['resource']}/ | {r['role']} | {r['rows']} | {r['endpoint_ms']:.1f} ms | "
            f"{r['bare_ms']:.1f} ms | {r['ratio']:.2f} | {r['cpu_endpoint_ms']:.1f}, "
            f"{r['cpu_bare_ms']:.1f} ms | {r['cpu_ratio']:.2f} | "
            f"{both_verdicts(r, LIST_GOALS[r['rows']])} |"
        )
    gr = g["growth"]
    lines += [
        "",
        "## Goal 2: a page of 50 as the rows behind it grow",
        "",
        "The deliverables list, page of 50: the partner's ten projects (about 1,000 rows) against "
        "the officer's whole network (100,000 rows). The scopes differ too (the partner's is a "
        "subquery of their partnerships), so this bounds the growth from above.",
        "",
        "| 1,000 rows | 100,000 rows | ratio | goal |",
        "|---:|---:|---:|---|",
        f"| {gr['small_ms']:.1f} ms | {gr['large_ms']:.1f} ms | {gr['ratio']:.2f} | "
        f"≤ {GROWTH_GOAL}: {verdict(gr['ratio'] <= GROWTH_GOAL)} |",
        "",
        "## Goal 3: pages against a trivial render()",
        "",
        "The same middleware and session; the trivial page renders a one-line template. A page "
        "kept between visits (common.page_cache) is measured as a visit that finds it kept and "
        "as the first visit after a change, which draws it.",
        "",
        "| page | role | page | trivial | ratio (wall) | page, trivial (CPU) | ratio (CPU) | "
        "goal |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in g["pages"]:
        lines.append(
            f"| {r['page']} | {r['role']} | {r['page_ms']:.1f} ms | {r['trivial_ms']:.1f} ms | "
            f"{r['ratio']:.1f} | {r['cpu_page_ms']:.1f}, {r['cpu_trivial_ms']:.1f} ms | "
            f"{r['cpu_ratio']:.1f} | {both_verdicts(r, r['goal'])} |"
        )
    plans = g["plans"]
    jit = [p for p in plans if p["jit"]]
    worst = sorted(plans, key=off_by, reverse=True)[:5]
    lines += [
        "",
        "## Goal 4: query plans",
        "",
        f"Every SELECT of the lists at 50 rows, `?mine=true`, the project page, My work and the "
        f"dashboard, as officer, coordinator and partner, under `EXPLAIN (ANALYZE, FORMAT "
        f"JSON)`: {len(plans)} queries, **{len(jit)} with JIT** (goal: none: "
        f"{verdict(not jit)}).",
        "",
        "The access queries: each list's whole scope (its viewset's `get_queryset()`) and "
        "`involving_me` (My work, `?mine=true`), the rows PostgreSQL plans for against the rows "
        "there are (goal: within 10×). An officer's scopes are whole tables, planned exactly; "
        "those of the coordinator and the partner:",
        "",
        "| role | scope | planned rows | rows found | off by | goal ≤ 10× |",
        "|---|---|---:|---:|---:|---|",
    ]
    for s in g["scopes"]:
        if s["role"] == "officer":
            continue
        lines.append(
            f"| {s['role']} | {s['scope']} | {s['planned']:,} | {s['found']:,} | "
            f"{s['off_by']:.1f}× | {verdict(s['off_by'] <= 10)} |"
        )
    lines += [
        "",
        "The five estimates furthest from the rows found, of every query above:",
        "",
        "| role | request | planned rows | rows found | off by | time | query |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for p in worst:
        sql = p["sql"].replace("|", "\\|")
        lines.append(
            f"| {p['role']} | {p['url']} | {p['planned']:,} | {p['found']:,} | "
            f"{off_by(p):.0f}× | {p['ms']:.1f} ms | `{sql}…` |"
        )
    return [*lines, ""]


def write_report(f: dict, output: str) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Figures of one run of `python -m bench` (see README, Benchmarks), "
        f"started {f['started']}. They are measurements, not tests: rerun them on the machine "
        "you care about.",
        "",
        "## Machine",
        "",
        *machine_lines(f["postgres"]),
        "",
        f"Load average (1, 5, 15 min) before the run: {fmt_load(f['load_before'])}; after: "
        f"{fmt_load(f['load_after'])}.",
        "",
        "## Data",
        "",
        f"Generated in bulk in {f['generated']['seconds']:.0f} s:",
        "",
        "| rows | count |",
        "|---|---:|",
        *(f"| {name} | {count:,} |" for name, count in f["generated"]["counts"].items()),
        "",
        "## API: queries per list, at 1, 50 and 1,000 rows",
        "",
        "Goal: no more queries for more rows, for each role (signed in with a session). A "
        "list with fewer rows than a size shows all it has; a page that holds every row needs "
        "no count, so it may take one query less.",
        "",
        "| list | role | 1 row | 50 rows | 1,000 rows | |",
        "|---|---|---:|---:|---:|---|",
    ]
    for role, by_list in f["query_counts"].items():
        for resource, counts in by_list.items():
            lines.append(
                f"| /api/{resource}/ | {role} | {' | '.join(map(str, counts))} | "
                f"{verdict(counts == sorted(counts, reverse=True))} |"
            )
    lines += [
        "",
        "## API: the deliverables list against a bare view",
        "",
        "The endpoint (DRF, filters, pagination, permissions) against a plain Django view that "
        "returns the same rows with `values()` and `JsonResponse`; interleaved runs, medians. "
        "Goal: a ratio of at most 1.5 at 50 rows.",
        "",
        "| rows | endpoint | bare view | ratio | queries | |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for r in f["list"]:
        goal = verdict(r["ratio"] <= 1.5) if r["rows"] == 50 else "(no goal)"
        lines.append(
            f"| {r['rows']} | {r['endpoint_ms']:.1f} ms | {r['bare_ms']:.1f} ms | "
            f"{r['ratio']:.2f} | {r['queries']} | {goal} |"
        )
    lines += ["", *goal_lines(f["goals"])]
    lines += load_lines(f) if f["load"] else []
    r = f["reminders"]
    two_to_one = r["workers"][2]["s"] / r["workers"][1]["s"]
    lines += [
        "",
        f"## Reminders: one run over {f['generated']['counts']['deliverables']:,} deliverables",
        "",
        "Against a hand-written `INSERT … SELECT … ON CONFLICT DO NOTHING` that claims the same "
        "rows. The full run also gathers one digest per person and renders and hands each "
        "e-mail to a dummy backend.",
        "",
        "| step | time | queries | rows | ratio to raw claim | goal |",
        "|---|---:|---:|---:|---:|---|",
        f"| raw SQL claim | {r['raw_s']:.2f} s | 1 | {r['raw_rows']:,} | 1.00 | |",
        f"| the run's claim of deliverables | {r['claim_s']:.2f} s | {r['claim_queries']} | "
        f"{r['claim_rows']:,} | {r['claim_ratio']:.2f} | ≤ 1.5: "
        f"{verdict(r['claim_ratio'] <= 1.5)} |",
        f"| the run's claim, every kind | {r['every_kind_s']:.2f} s | | "
        f"{r['every_kind_rows']:,} | {r['every_kind_s'] / r['raw_s']:.2f} | |",
        f"| full run, in one process | {r['full_s']:.2f} s | {r['full_queries']} | "
        f"{r['claimed']:,} reminders, {r['sent']:,} e-mails | {r['full_ratio']:.2f} | ≤ 5: "
        f"{verdict(r['full_ratio'] <= 5)} |",
        *(
            f"| full run in batches, {n} Celery worker{'s' * (n > 1)} | {w['s']:.2f} s | | "
            f"{w['sent']:,} e-mails | {w['ratio']:.2f} | ≤ 5: {verdict(w['ratio'] <= 5)} |"
            for n, w in r["workers"].items()
        ),
        f"| second run at once | {r['again_s']:.2f} s | {r['again_queries']} | "
        f"{r['again_claimed']} new, {r['again_sent']} e-mails | | nothing twice: "
        f"{verdict(r['again_claimed'] == 0 and r['again_sent'] == 0)} |",
        "",
        f"Two workers took {two_to_one:.2f}× the time of one (goal: faster: "
        f"{verdict(two_to_one < 1)}).",
        "",
        f"Peak memory allocated by the run (tracemalloc): **{r['peak_mb']:.1f} MB** "
        f"(goal under 150 MB: {verdict(r['peak_mb'] < 150)}); the process's peak RSS, building "
        f"the data included, was {r['rss_mb']:.0f} MB.",
        "",
    ]
    e = f["export"]
    lines += [
        f"## Export: every deliverable as CSV ({f['generated']['counts']['deliverables']:,})",
        "",
        "`/api/deliverables/?format=csv` as an officer, streamed, against a bare cursor that "
        "writes the same columns with `csv.writer` (medians of interleaved runs).",
        "",
        "| export | raw dump | ratio | peak memory (tracemalloc) |",
        "|---:|---:|---:|---:|",
        f"| {e['export_s']:.2f} s | {e['raw_s']:.2f} s | {e['ratio']:.2f} (goal ≤ 3: "
        f"{verdict(e['ratio'] <= 3)}) | {e['peak_mb']:.1f} MB (goal under 100 MB: "
        f"{verdict(e['peak_mb'] < 100)}) |",
        "",
    ]
    if "import" in f:
        from bench.import_sheet import report_lines

        lines += report_lines(f["import"])
    n = f["newsletter"]
    lines += [
        f"## Newsletter: one month for {n['projects']} projects",
        "",
        f"{n['seconds']:.2f} s and {n['queries']} queries for {n['items']} progress items "
        f"({n['characters']:,} characters of Markdown). The query count does not grow with the "
        "number of projects (a test holds it at two sizes).",
        "",
    ]
    path = ROOT / output
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + kept_notes(path))


NOTES = "\n## Notes\n"


def kept_notes(path: Path) -> str:
    """The hand-written notes at the end of the report (what each fix gave), kept by a rerun."""
    old = path.read_text() if path.exists() else ""
    return old[old.index(NOTES) :] if NOTES in old else ""


def load_lines(f: dict) -> list[str]:
    from bench.load import CONNECTIONS, describe, table

    return [
        "",
        f"## Goal 6: throughput under wrk ({CONNECTIONS} connections, {f['load_seconds']} s)",
        "",
        *describe(),
        "",
        *table(f["load"]),
    ]
