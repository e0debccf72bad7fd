"""Drafting one month's newsletter for 200 running projects.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.newsletter_period
"""

import time
from datetime import date, timedelta

from bench.harness import machine, scratch_database, setup_django

FIRST, LAST = date(2024, 3, 1), date(2024, 3, 31)


def build(projects: int) -> None:
    from deliverables.models import Deliverable
    from meetings.models import Meeting
    from partners.models import Organisation
    from projects.models import Objective, Partnership, Project

    Project.objects.bulk_create(
        Project(acronym=f"P{i}", title=f"Project {i}", action="KA220-VET",
                start_date=date(2023, 1, 1), end_date=date(2025, 12, 31))
        for i in range(projects)
    )  # fmt: skip
    ids = list(Project.objects.values_list("pk", flat=True))
    Organisation.objects.bulk_create(
        Organisation(name=f"Org {i}", short_name=f"O{i}", country=["FR", "IT", "DE"][i % 3])
        for i in range(projects * 4)
    )  # fmt: skip
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    Partnership.objects.bulk_create(
        Partnership(project_id=ids[i // 4], organisation_id=orgs[i],
                    role="coordinator" if i % 4 == 0 else "partner")
        for i in range(projects * 4)
    )  # fmt: skip
    Objective.objects.bulk_create(
        Objective(project_id=pk, number=n, title=f"Objective {n}",
                  status=["achieved", "almost_achieved", "in_progress"][n % 3])
        for pk in ids for n in range(1, 8)
    )  # fmt: skip
    Deliverable.objects.bulk_create(
        Deliverable(project_id=pk, code=f"D{n}", title=f"Deliverable {n}",
                    lead_organisation_id=orgs[ids.index(pk) * 4 + n % 4],
                    due_date=date(2023, 6, 1) + timedelta(days=30 * n))
        for pk in ids for n in range(20)
    )  # fmt: skip
    Meeting.objects.bulk_create(
        Meeting(project_id=pk, kind="transnational", title="Coordination meeting",
                start_date=FIRST + timedelta(days=i % 28), end_date=FIRST + timedelta(days=i % 28),
                city="Torino")
        for i, pk in enumerate(ids)
    )  # fmt: skip


def measure(projects: int = 200) -> dict:
    """Build `projects` running projects in a scratch database and draft one month."""
    from django.db import connection, reset_queries

    from newsletters.services import draft_newsletter

    with scratch_database():
        build(projects)
        connection.force_debug_cursor = True
        reset_queries()
        start = time.perf_counter()
        text, facts = draft_newsletter(first=FIRST, last=LAST, language="en")
        elapsed = time.perf_counter() - start
        queries = len(connection.queries)
        connection.force_debug_cursor = False
    return {"projects": projects, "seconds": elapsed, "queries": queries,
            "items": len(facts.progress), "characters": len(text)}  # fmt: skip


def main():
    setup_django()
    r = measure()
    print(
        f"Newsletter draft for {r['projects']} projects ({machine()}): {r['seconds']:.2f} s, "
        f"{r['queries']} queries, {r['items']} progress items, {r['characters']:,} characters"
    )


if __name__ == "__main__":
    main()
