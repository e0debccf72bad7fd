"""Every benchmark in one run, on PostgreSQL; prints the figures and writes docs/benchmarks.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench

Builds the network at scale in a throwaway database (bench.generate), then measures the API's
query counts and list speed, a reminder run over its 100,000 deliverables, the CSV export of
them all, the load on gunicorn, and a month's newsletter for 200 projects (in a database of its
own). Takes about ten minutes.
"""

import argparse
import time

from bench.harness import scratch_database, setup_django
from bench.report import write_report


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000, help="scale of the generated data")
    parser.add_argument("--runs", type=int, default=200, help="timed runs of each list request")
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--output", default="docs/benchmarks.md")
    args = parser.parse_args(argv)
    setup_django(urlconf="bench.api_urls")

    from django.db import connection
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from bench import api_counts, api_list, export_csv, load, newsletter_period, reminders_run
    from bench.generate import Scale, generate
    from common.databases import current_database_url

    figures = {"started": time.strftime("%Y-%m-%d %H:%M %Z")}
    with scratch_database():
        assert connection.vendor == "postgresql", "run the benchmarks on PostgreSQL"
        figures["postgres"] = connection.cursor().connection.info.server_version
        world = generate(Scale(projects=args.projects))
        figures["generated"] = {"seconds": world.seconds, "counts": world.counts}
        print(f"Generated in {world.seconds:.0f} s: {world.counts}", flush=True)

        figures["query_counts"] = api_counts.query_counts(world.officer)
        print(f"Query counts at {api_counts.SIZES} rows: {figures['query_counts']}", flush=True)

        figures["list"] = [api_list.measure(world.partner, n, args.runs) for n in (50, 500)]
        print(f"Deliverables list: {figures['list']}", flush=True)

        client = Client()
        client.force_login(world.partner)
        load.SECONDS = figures["load_seconds"] = args.load_seconds
        figures["load"] = load.measure(
            current_database_url(),
            token=Token.objects.create(user=world.partner).key,
            session=client.cookies["sessionid"].value,
            project_id=world.partner.person.partnerships.order_by("project_id")[0].project_id,
        )
        print(f"Load: {figures['load']}", flush=True)

        figures["reminders"] = reminders_run.measure()
        print("\n".join(reminders_run.describe(figures["reminders"])), flush=True)

        figures["export"] = export_csv.measure(world.officer)
        print("\n".join(export_csv.describe(figures["export"])), flush=True)

    figures["newsletter"] = newsletter_period.measure(200)
    print(f"Newsletter: {figures['newsletter']}", flush=True)
    write_report(figures, args.output)
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
