"""The deliverables list as CSV (`/api/deliverables/?format=csv`), streamed, against a bare
cursor dump of the same columns.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.export_csv

Prints the time of the export as an officer reads it (every visible row, through the API's
scoping, filters and serializer), of a hand-written SELECT written with csv.writer, and the
peak memory of the export (tracemalloc), which must not grow with the number of rows.
"""

import argparse
import csv
import time
import tracemalloc

from bench.harness import machine, scratch_database, setup_django

RAW = """
SELECT d.id, d.project_id, p.acronym, d.code, d.title, d.kind, d.description,
       d.work_package_id, d.lead_organisation_id, o.short_name,
       ARRAY(SELECT c.organisation_id FROM deliverables_contribution c
             WHERE c.deliverable_id = d.id ORDER BY c.id),
       d.due_date, d.status, d.due_date < %(today)s AND d.status IN ('planned', 'in_progress'),
       d.approved_at, d.approved_by_id, d.created_at, d.updated_at
FROM deliverables_deliverable d
JOIN projects_project p ON p.id = d.project_id
JOIN partners_organisation o ON o.id = d.lead_organisation_id
ORDER BY d.due_date, d.code, d.id
"""


class _Sink:
    def write(self, line: str) -> int:
        return len(line)


def raw_dump() -> int:
    from django.db import connection

    from common import clock

    writer, written = csv.writer(_Sink()), 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(RAW, {"today": clock.today()})
        while rows := cursor.fetchmany(2000):
            written += sum(writer.writerow(row) for row in rows)
    return written


def export(client) -> int:
    response = client.get("/api/deliverables/?format=csv")
    assert response.status_code == 200, response.status_code
    return sum(len(chunk) for chunk in response.streaming_content)


def measure(officer, runs: int = 3) -> dict:
    """Median times of the export and the raw dump, interleaved, and the export's peak memory."""
    from django.test import Client

    from bench.harness import interleaved, median_ms

    client = Client()
    client.force_login(officer)
    export(client)  # warm: the first request loads the URL conf and the serializers
    timings = interleaved(runs, export=lambda: export(client), raw=raw_dump)
    tracemalloc.start()
    size = export(client)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    export_ms, raw_ms = median_ms(timings["export"]), median_ms(timings["raw"])
    return {
        "export_s": export_ms / 1000, "raw_s": raw_ms / 1000, "ratio": export_ms / raw_ms,
        "peak_mb": peak / 2**20, "bytes": size,
    }  # fmt: skip


def describe(r: dict) -> list[str]:
    return [
        f"  CSV export:  {r['export_s']:7.2f} s, {r['bytes'] / 2**20:.1f} MB written; ratio "
        f"{r['ratio']:.2f} to the raw dump",
        f"  raw dump:    {r['raw_s']:7.2f} s",
        f"  peak memory: {r['peak_mb']:7.1f} MB allocated during the export (tracemalloc)",
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliverables", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django()

    from bench.reminders_run import build
    from projects.roles import ensure_officer_group

    with scratch_database():
        start = time.perf_counter()
        build(200, 5, args.deliverables)
        from django.contrib.auth import get_user_model

        officer = get_user_model().objects.create_user("bench-officer", is_staff=True)
        officer.groups.add(ensure_officer_group())
        print(f"Built {args.deliverables} deliverables in {time.perf_counter() - start:.1f} s "
              f"({machine()})")  # fmt: skip
        print("\n".join(describe(measure(officer, args.runs))))


if __name__ == "__main__":
    main()
