"""The deliverables list against a bare values() + JsonResponse view of the same rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.api_list

Prints the median time of each at 50 and 500 rows (interleaved runs) and their ratio.
"""

import argparse
from datetime import date, timedelta

from bench.harness import interleaved, machine, median_ms, scratch_database, setup_django


def build(rows: int):
    from deliverables.models import Contribution, Deliverable
    from partners.models import Organisation, Person
    from projects.models import Partnership, Project
    from tests.factories import UserFactory

    project = Project.objects.create(
        acronym="BENCH", title="Benchmark", action="KA220-VET",
        start_date=date(2022, 1, 1), end_date=date(2030, 12, 31),
    )  # fmt: skip
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i}", short_name=f"O{i}", country="FR") for i in range(8)
    )
    Partnership.objects.bulk_create(
        Partnership(project=project, organisation=o, role="coordinator" if i == 0 else "partner")
        for i, o in enumerate(organisations)
    )
    user = UserFactory(username="bench-partner")
    person = Person.objects.create(
        first_name="Bench", last_name="Partner", organisation=organisations[1], user=user
    )
    Partnership.objects.get(project=project, organisation=organisations[1]).contacts.add(person)
    deliverables = Deliverable.objects.bulk_create(
        Deliverable(
            project=project, code=f"D{i}", title=f"Deliverable {i}", kind="guide",
            lead_organisation=organisations[i % 8],
            due_date=date(2022, 1, 1) + timedelta(days=i % 3000),
        )
        for i in range(rows)
    )  # fmt: skip
    Contribution.objects.bulk_create(
        Contribution(deliverable=d, organisation=organisations[(i + 1) % 8])
        for i, d in enumerate(deliverables)
    )
    return user


def measure(user, size: int, runs: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client

    client = Client()
    client.force_login(user)

    def endpoint():
        response = client.get(f"/api/deliverables/?page_size={size}")
        assert response.status_code == 200 and len(response.json()["results"]) == size

    def bare():
        response = client.get(f"/bench/bare-deliverables/?page_size={size}")
        assert response.status_code == 200 and len(response.json()["results"]) == size

    for call in (endpoint, bare):  # warm caches and connections
        call()
    timings = interleaved(runs, endpoint=endpoint, bare=bare)
    connection.force_debug_cursor = True
    reset_queries()
    endpoint()
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    endpoint_ms, bare_ms = median_ms(timings["endpoint"]), median_ms(timings["bare"])
    return {
        "rows": size,
        "endpoint_ms": endpoint_ms,
        "bare_ms": bare_ms,
        "ratio": endpoint_ms / bare_ms,
        "queries": queries,
    }


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    setup_django(urlconf="bench.api_urls")
    from django.db import connection

    with scratch_database():
        user = build(rows=1000)
        results = [measure(user, size, args.runs) for size in (50, 500)]
    print(f"Deliverables list vs bare values() + JsonResponse ({connection.vendor}; {machine()})")
    for r in results:
        print(
            f"  {r['rows']:>4} rows: endpoint {r['endpoint_ms']:.2f} ms, "
            f"bare {r['bare_ms']:.2f} ms, ratio {r['ratio']:.2f} (goal <= 1.5 at 50 rows), "
            f"{r['queries']} queries"
        )
    return results


if __name__ == "__main__":
    main()
