"""Every benchmark in one run, on PostgreSQL; prints the figures and writes docs/benchmarks.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench

Builds the network at scale in a throwaway database (bench.generate), then measures the API's
query counts and list speed, issue 16's goals as officer, coordinator and partner (bench.goals),
the load on gunicorn, a reminder run over its 100,000 deliverables, the CSV export of them all,
the import of a deliverables sheet against bulk_create, and a month's newsletter for 200
projects (in a database of its own). Takes about half an hour.
"""

import argparse
import os
import time

from bench.harness import scratch_database, setup_django
from bench.report import write_report


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000, help="scale of the generated data")
    parser.add_argument("--runs", type=int, default=200, help="timed runs of each list request")
    parser.add_argument("--load-seconds", type=int, default=20)
    parser.add_argument("--goal-runs", type=int, default=30, help="timed runs for goals 1-3")
    parser.add_argument("--no-load", action="store_true", help="leave out wrk and gunicorn")
    parser.add_argument("--output", default="docs/benchmarks.md")
    args = parser.parse_args(argv)
    setup_django(urlconf="bench.api_urls")

    from django.db import connection

    from bench import (
        api_counts,
        api_list,
        export_csv,
        goals,
        import_sheet,
        newsletter_period,
        reminders_run,
    )
    from bench.generate import Scale, generate

    figures = {"started": time.strftime("%Y-%m-%d %H:%M %Z"), "load_before": os.getloadavg()}
    with scratch_database():
        assert connection.vendor == "postgresql", "run the benchmarks on PostgreSQL"
        figures["postgres"] = connection.cursor().connection.info.server_version
        world = generate(Scale(projects=args.projects))
        figures["generated"] = {"seconds": world.seconds, "counts": world.counts}
        print(f"Generated in {world.seconds:.0f} s: {world.counts}", flush=True)

        users = {"officer": world.officer, "coordinator": world.coordinator,
                 "partner": world.partner}  # fmt: skip
        figures["query_counts"] = {
            role: api_counts.query_counts(user) for role, user in users.items()
        }
        print(f"Query counts at {api_counts.SIZES} rows: {figures['query_counts']}", flush=True)

        figures["list"] = [api_list.measure(world.partner, n, args.runs) for n in (50, 500)]
        print(f"Deliverables list: {figures['list']}", flush=True)

        project_id = world.partner.person.partnerships.order_by("project_id")[0].project_id
        figures["goals"] = {
            "lists": goals.lists(users, args.goal_runs),
            "growth": goals.growth(users, args.goal_runs),
            "pages": goals.pages(users, project_id, args.goal_runs),
            "plans": goals.plans(users, project_id),
            "scopes": goals.scopes(users),
        }
        print("\n".join(goals_lines(figures)), flush=True)

        figures["load_seconds"] = args.load_seconds
        if args.no_load:
            figures["load"] = None
        else:
            figures["load"] = measure_load(args, world, project_id)

        figures["reminders"] = reminders_run.measure()
        print("\n".join(reminders_run.describe(figures["reminders"])), flush=True)

        figures["export"] = export_csv.measure(world.officer)
        print("\n".join(export_csv.describe(figures["export"])), flush=True)

        figures["import"] = import_sheet.measure()
        print("\n".join(import_sheet.table(figures["import"])), flush=True)

    figures["newsletter"] = newsletter_period.measure(200)
    print(f"Newsletter: {figures['newsletter']}", flush=True)
    figures["load_after"] = os.getloadavg()
    write_report(figures, args.output)
    print(f"Written to {args.output}")


def measure_load(args, world, project_id):
    from bench import load
    from common.databases import current_database_url

    users = {"officer": world.officer, "coordinator": world.coordinator, "partner": world.partner}
    return load.measure(current_database_url(), users, project_id, args.load_seconds)


def goals_lines(figures: dict) -> list[str]:
    from bench.report import goal_lines

    return goal_lines(figures["goals"])


if __name__ == "__main__":
    main()
