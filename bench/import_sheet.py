"""Importing a deliverables sheet (`import_workbook`: the dry run of the preview, then the
confirmation) against `bulk_create` of the same rows, at 1,000 and 10,000 rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.import_sheet

Prints, per size, the time and queries of each step. Goals: queries that do not grow with the
rows, and the dry run plus the confirmation within 3× of bulk_create. Each time is the median of
--repeat interleaved rounds.
"""

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.harness import machine, scratch_database, setup_django

SIZES = (1_000, 10_000)
REPEAT = 3
COLUMNS = ["code", "title", "kind", "work_package", "lead_organisation", "contributors",
           "due_date", "dissemination_level", "position", "status", "description"]  # fmt: skip


def build():
    """A project of three partners and one work package, in which the sheet goes."""
    from deliverables.models import WorkPackage
    from partners.models import Organisation
    from projects.models import Partnership, Project

    project = Project.objects.create(
        reference_number="2024-1-FR01-KA220-VET-000099999", acronym="BENCH",
        title="Import benchmark", action="KA220-VET", start_date=date(2024, 1, 1),
        end_date=date(2027, 12, 31),
    )  # fmt: skip
    organisations = []
    for number, (name, country) in enumerate(
        [("Città Formazione", "IT"), ("Köln Akademie", "DE"), ("Fundación Ejemplo", "ES")]
    ):
        organisation = Organisation.objects.create(
            name=name, short_name=name.split()[0], country=country, type="education"
        )
        role = Partnership.Role.COORDINATOR if number == 0 else Partnership.Role.PARTNER
        Partnership.objects.create(project=project, organisation=organisation, role=role)
        organisations.append(organisation)
    package = WorkPackage.objects.create(
        project=project, code="WP1", title="Results", lead_organisation=organisations[0]
    )
    return project, package, organisations


def rows(count: int, organisations) -> list[dict]:
    from workbooks.layout import organisation_key

    keys = [organisation_key(organisation) for organisation in organisations]
    return [
        {
            "code": f"R{n}", "title": f"Result {n}: Città, Köln, Fundación", "kind": "guide",
            "work_package": "WP1", "lead_organisation": keys[n % 3],
            "contributors": keys[(n + 1) % 3], "due_date": date(2024 + n % 4, n % 12 + 1, 28),
            "dissemination_level": "PU", "position": n, "status": "planned", "description": "",
        }
        for n in range(count)
    ]  # fmt: skip


def write_sheet(values: list[dict], path: Path) -> None:
    from openpyxl import Workbook

    # Not write-only: that mode leaves out the sheet's dimension, which Excel always writes
    # and without which openpyxl reads the whole sheet once more to size it.
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "deliverables"
    sheet.append(COLUMNS)
    for row in values:
        sheet.append([row[name] for name in COLUMNS])
    workbook.save(path)


def bulk_create(project, package, organisations, values: list[dict]) -> None:
    """The same rows, as bare as Django writes them: deliverables, then contributions."""
    from deliverables.models import Contribution, Deliverable
    from workbooks.layout import organisation_key

    by_key = {organisation_key(organisation): organisation for organisation in organisations}
    deliverables = Deliverable.objects.bulk_create(
        Deliverable(
            project=project, work_package=package, code=row["code"], title=row["title"],
            kind=row["kind"], lead_organisation=by_key[row["lead_organisation"]],
            due_date=row["due_date"], dissemination_level=row["dissemination_level"],
            position=row["position"], status=row["status"],
        )
        for row in values
    )  # fmt: skip
    Contribution.objects.bulk_create(
        Contribution(deliverable=deliverable, organisation=by_key[row["contributors"]])
        for deliverable, row in zip(deliverables, values, strict=True)
    )


def timed(call) -> tuple[float, int]:
    """Seconds and queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        call()
        seconds = time.perf_counter() - start
    return seconds, len(queries)


def measure(sizes=SIZES, repeat: int = REPEAT) -> list[dict]:
    project, package, organisations = build()
    return [measure_size(size, project, package, organisations, repeat) for size in sizes]


def measure_size(size: int, project, package, organisations, repeat: int = REPEAT) -> dict:
    """Medians of `repeat` interleaved rounds (dry run, confirmation, bulk_create), so that a
    burst of load on the shared cores does not land on one contender alone."""
    from deliverables.models import Deliverable
    from workbooks.importing import import_workbook

    values = rows(size, organisations)

    def run(path: Path, dry_run: bool) -> None:
        report = import_workbook(path=path, reference=project.reference_number, dry_run=dry_run)
        sheet = report.sheets["deliverables"]
        assert not report.refused and len(sheet.created) == size, sheet.refused[:3]

    rounds = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deliverables.xlsx"
        write_sheet(values, path)
        for _ in range(repeat):
            dry = timed(lambda: run(path, dry_run=True))
            confirm = timed(lambda: run(path, dry_run=False))
            Deliverable.objects.filter(project=project).delete()
            bulk = timed(lambda: bulk_create(project, package, organisations, values))
            Deliverable.objects.filter(project=project).delete()
            rounds.append((dry, confirm, bulk))
    dry, confirm, bulk = (
        (statistics.median(r[i][0] for r in rounds), rounds[0][i][1]) for i in range(3)
    )
    return {
        "rows": size, "dry_s": dry[0], "dry_queries": dry[1], "confirm_s": confirm[0],
        "confirm_queries": confirm[1], "bulk_s": bulk[0], "bulk_queries": bulk[1],
        "ratio": (dry[0] + confirm[0]) / bulk[0], "repeat": repeat,
    }  # fmt: skip


def table(results: list[dict]) -> list[str]:
    lines = [
        "| rows | dry run | confirm | bulk_create | (dry run + confirm) / bulk_create |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['dry_s']:.2f} s, {r['dry_queries']} queries | "
            f"{r['confirm_s']:.2f} s, {r['confirm_queries']} queries | "
            f"{r['bulk_s']:.2f} s, {r['bulk_queries']} queries | {r['ratio']:.1f} |"
        )
    return lines


def report_lines(results: list[dict]) -> list[str]:
    """The section of docs/benchmarks.md."""
    from bench.report import verdict

    constant = len({(r["dry_queries"], r["confirm_queries"]) for r in results}) == 1
    within = all(r["ratio"] <= 3 for r in results)
    return [
        "## Import: a deliverables sheet, dry run and confirmation, against bulk_create",
        "",
        "`import_workbook` of an `.xlsx` with one `deliverables` sheet (each row with a work "
        "package, a lead and a contributor, named by their keys) into a project of three "
        "partners: the dry run the preview makes, then the confirmation, against "
        "`bulk_create` of the same deliverables and contributions; medians of "
        f"{results[0]['repeat']} interleaved rounds.",
        "",
        *table(results),
        "",
        f"Queries independent of the rows: {verdict(constant)}. Dry run and confirmation within "
        f"3× of bulk_create: {verdict(within)}.",
        "",
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=REPEAT, help="rounds; medians are shown")
    args = parser.parse_args(argv)
    setup_django()
    load_before = os.getloadavg()
    with scratch_database():
        results = measure(args.sizes, args.repeat)
    load_after = os.getloadavg()
    print(f"({machine()})")
    print("\n".join(table(results)))
    print(
        "Load average (1, 5, 15 min) before: "
        + ", ".join(f"{value:.2f}" for value in load_before)
        + "; after: "
        + ", ".join(f"{value:.2f}" for value in load_after)
    )


if __name__ == "__main__":
    main()
