"""The figures of issue 16's goals 1-4, as an officer (sees everything), a coordinator and a
partner.

1. every API list at 50 and 500 rows against a bare values() view of the same scope, filter,
   order and own-table columns, with the same authentication (a session);
2. a page of 50 of the deliverables with 1,000 rows behind it (the partner's ten projects)
   and 100,000 (the officer's whole network);
3. pages against a trivial render() through the same middleware;
4. every query of those requests under EXPLAIN (ANALYZE, FORMAT JSON): JIT, and how far the
   planner's row estimate is from the rows found; and each list's whole scope, planned
   against found (the count of a large list is that estimate).

Times are medians of interleaved runs, both wall time and this process's CPU time.
"""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.harness import KEPT_PAGES, PAGE_URLS, clocked, drawn_anew, interleaved, median_ms

LIST_GOALS = {50: 1.5, 500: 2.0}
PAGE_GOALS = {
    "project page": 5.0,
    "project page, paged": 5.0,
    "My work": 5.0,
    "dashboard": 8.0,
    "dashboard, paged": 8.0,
}
GROWTH_GOAL = 1.3


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return call


def timed_pair(runs: int, **pair) -> dict:
    """Both calls `runs` times, alternating: {"<name>_ms", "cpu_<name>_ms"} for each and the
    first's "ratio" (wall) and "cpu_ratio" to the second."""
    (first, _), (second, _) = pair.items()
    t = clocked(runs, **pair)
    row = {}
    for name in pair:
        row[f"{name}_ms"] = median_ms(t[name]["wall"])
        row[f"cpu_{name}_ms"] = median_ms(t[name]["cpu"])
    row["ratio"] = row[f"{first}_ms"] / row[f"{second}_ms"]
    row["cpu_ratio"] = row[f"cpu_{first}_ms"] / row[f"cpu_{second}_ms"]
    return row


def lists(users: dict, runs: int) -> list[dict]:
    """[{role, resource, rows, endpoint_ms, bare_ms, ratio, cpu_…}] for every list at 50 and
    500 rows."""
    from bench.api_counts import list_endpoints

    figures = []
    for role, user in users.items():
        client = _client(user)
        for resource in list_endpoints():
            if client.get(f"/api/{resource}/?page_size=1").status_code == 403:
                continue  # not this role's list (the newsletter is the officers')
            for size in LIST_GOALS:
                endpoint = _get(client, f"/api/{resource}/?page_size={size}")
                bare = _get(client, f"/bench/bare/{resource}/?page_size={size}")
                endpoint(), bare()  # warm
                figures.append({"role": role, "resource": resource, "rows": size,
                                **timed_pair(runs, endpoint=endpoint, bare=bare)})  # fmt: skip
    return figures


def growth(users: dict, runs: int) -> dict:
    """The deliverables' page of 50 over the partner's ~1,000 rows and the officer's 100,000."""
    calls = {role: _get(_client(users[role]), "/api/deliverables/?page_size=50")
             for role in ("partner", "officer")}  # fmt: skip
    for call in calls.values():
        call()
    t = interleaved(runs, **calls)
    small, large = median_ms(t["partner"]), median_ms(t["officer"])
    return {"small_ms": small, "large_ms": large, "ratio": large / small}


def pages(users: dict, project_id: int, runs: int) -> list[dict]:
    """[{role, page, page_ms, trivial_ms, ratio}]: each page against the trivial render()."""
    figures = []
    for role, user in users.items():
        client = _client(user)
        for name, address in PAGE_URLS.items():
            url = address.format(project=project_id)
            if name.startswith("dashboard") and role != "officer":
                continue  # the officers' page
            page, trivial = _get(client, url), _get(client, "/bench/trivial/")
            versions = {name: page}
            if name in KEPT_PAGES:
                versions = {f"{name}, kept": page, f"{name}, drawn": drawn_anew(page)}
            for version, call in versions.items():
                call(), trivial()
                figures.append({"role": role, "page": version, "goal": PAGE_GOALS[name],
                                **timed_pair(runs, page=call, trivial=trivial)})  # fmt: skip
    return figures


def plans(users: dict, project_id: int) -> list[dict]:
    """Every SELECT of the lists and pages, explained: [{role, url, ms, jit, planned, found}]."""
    from bench.api_counts import list_endpoints

    urls = [f"/api/{resource}/?page_size=50" for resource in list_endpoints()]
    urls += ["/api/deliverables/?page_size=50&mine=true", f"/projects/{project_id}/",
             "/my-work/", "/dashboard/"]  # fmt: skip
    figures = []
    for role, user in users.items():
        client = _client(user)
        for url in urls:
            if url == "/dashboard/" and role != "officer":
                continue
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            for query in queries.captured_queries:
                if not query["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query['sql']}")
                    plan = cursor.fetchone()[0]
                plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
                figures.append({
                    "role": role, "url": url, "ms": plan["Execution Time"],
                    "jit": "JIT" in plan, "planned": plan["Plan"]["Plan Rows"],
                    "found": plan["Plan"]["Actual Rows"], "sql": query["sql"][:120],
                })  # fmt: skip
    return figures


def scopes(users: dict) -> list[dict]:
    """Each list's whole scope (its viewset's get_queryset) and `involving_me`, as each role:
    the rows PostgreSQL plans for against the rows there are. The count of a large list is
    that estimate, so it is what a reader sees."""
    from django.test import RequestFactory

    from bench.api_counts import list_endpoints
    from common.pagination import planned_rows
    from config.urls import router
    from deliverables.involving import involving_me
    from deliverables.models import Deliverable
    from projects.authentication import OfficerAwareBackend

    figures = []
    for role, user in users.items():
        user = OfficerAwareBackend().get_user(user.pk)  # as a request's user comes
        request = RequestFactory().get("/")
        request.user = user
        querysets = {"involving_me": Deliverable.objects.filter(involving_me(user))}
        for prefix, viewset, _basename in router.registry:
            if prefix in list_endpoints():
                view = viewset(request=request, action="list", format_kwarg=None, kwargs={})
                querysets[prefix] = view.get_queryset()
        for name, rows in querysets.items():
            planned, found = planned_rows(rows), rows.count()
            off = max(planned, 1) / max(found, 1)
            figures.append({"role": role, "scope": name, "planned": planned, "found": found,
                            "off_by": max(off, 1 / off)})  # fmt: skip
    return figures


def off_by(plan: dict) -> float:
    """How many times the estimate is off, either way (a row or none counts as one)."""
    planned, found = max(plan["planned"], 1), max(plan["found"], 1)
    return max(planned / found, found / planned)
