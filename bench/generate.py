"""The network at scale, in bulk: 1,000 projects, 10,000 organisations, 50,000 people,
100,000 deliverables and 20,000 meetings, with what hangs off them.

Each project has ten partners (one coordinating), one contact each, seven objectives, five work
packages, a hundred deliverables (one contributor each) and twenty meetings with two action
items each. A bench partner speaks for one organisation in ten projects and leads ten
deliverables in each, a hundred in all (a busy partner's My work); a bench coordinator is the
contact of the coordinating organisation of the partner's first project; an officer sees all.
"""

import random
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

BATCH = 5_000
COUNTRIES = ["FR", "IT", "DE", "ES", "BE", "LT", "RO", "PT", "NL", "AT", "PL", "SE"]
DAY = date(2024, 3, 12)  # the benchmarks' "today": every project is running


@dataclass
class Scale:
    projects: int = 1_000
    partners_per_project: int = 10
    people_per_organisation: int = 5
    deliverables_per_project: int = 100
    meetings_per_project: int = 20

    @property
    def organisations(self) -> int:
        return self.projects * self.partners_per_project


@dataclass
class World:
    officer: object
    partner: object  # contact of one organisation in ten projects
    coordinator: object  # runs the partner's first project
    counts: dict
    seconds: float


def _ids(model) -> list[int]:
    return list(model.objects.order_by("pk").values_list("pk", flat=True))


def _bulk(model, rows) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)


def generate(scale: Scale = Scale(), *, seed: int = 2024) -> World:  # noqa: B008
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from deliverables.models import Contribution, Deliverable, Submission, WorkPackage
    from meetings.models import ActionItem, Meeting
    from newsletters.models import NewsletterIssue
    from partners.models import Organisation, Person
    from projects.models import Objective, Partnership, Project
    from projects.roles import ensure_officer_group

    started = time.perf_counter()
    rng = random.Random(seed)
    _bulk(Organisation, (
        Organisation(name=f"Organisation {i}", short_name=f"O{i}",
                     country=COUNTRIES[i % len(COUNTRIES)], city=f"City {i % 300}")
        for i in range(scale.organisations + 1)
    ))  # fmt: skip
    organisations = _ids(Organisation)
    bench_organisation = organisations.pop()
    _bulk(Person, (
        Person(first_name="Person", last_name=str(i), email=f"person{i}@example.org",
               organisation_id=organisations[i // scale.people_per_organisation],
               preferred_language=rng.choice(["en", "fr"]), calendar_token=uuid.uuid4())
        for i in range(scale.organisations * scale.people_per_organisation)
    ))  # fmt: skip
    people = _ids(Person)
    _bulk(Project, (
        Project(acronym=f"P{i}", title=f"Project {i}", action="KA220-VET",
                start_date=date(2021, 1, 1) + timedelta(days=i % 365),
                end_date=date(2025, 12, 31) + timedelta(days=i % 365))
        for i in range(scale.projects)
    ))  # fmt: skip
    projects = _ids(Project)
    per = scale.partners_per_project

    def organisation_of(project_index: int, n: int) -> int:
        return organisations[project_index * per + n]

    _bulk(Partnership, (
        Partnership(project_id=projects[p], organisation_id=organisation_of(p, n),
                    role="coordinator" if n == 0 else "partner")
        for p in range(scale.projects) for n in range(per)
    ))  # fmt: skip
    bench_projects = projects[:10]
    bench_partnerships = Partnership.objects.bulk_create(
        Partnership(project_id=pk, organisation_id=bench_organisation, role="partner")
        for pk in bench_projects
    )
    partnerships = list(
        Partnership.objects.exclude(organisation_id=bench_organisation)
        .order_by("pk")
        .values_list("pk", "organisation_id")
    )
    first_person = {}
    for index, organisation_id in enumerate(organisations):
        first_person[organisation_id] = people[index * scale.people_per_organisation]
    _bulk(Partnership.contacts.through, (
        Partnership.contacts.through(partnership_id=pk, person_id=first_person[organisation_id])
        for pk, organisation_id in partnerships
    ))  # fmt: skip
    _bulk(Objective, (
        Objective(project_id=pk, number=n, title=f"Objective {n}",
                  status=rng.choice(["not_started", "in_progress", "almost_achieved", "achieved"]))
        for pk in projects for n in range(1, 8)
    ))  # fmt: skip
    _bulk(WorkPackage, (
        WorkPackage(project_id=projects[p], code=f"WP{n}", title=f"Work package {n}",
                    lead_organisation_id=organisation_of(p, n % per))
        for p in range(scale.projects) for n in range(1, 6)
    ))  # fmt: skip
    packages = _ids(WorkPackage)
    statuses = ["planned", "planned", "in_progress", "submitted", "approved"]
    now = timezone.now()

    def deliverable(p: int, n: int) -> Deliverable:
        status = rng.choice(statuses)
        busy = projects[p] in bench_projects and n < 10
        return Deliverable(
            project_id=projects[p], work_package_id=packages[p * 5 + n % 5], code=f"D{n}",
            title=f"Deliverable {n} of P{p}",
            lead_organisation_id=bench_organisation if busy else organisation_of(p, n % per),
            due_date=DAY + timedelta(days=rng.randrange(-500, 500)), status=status,
            approved_at=now if status == "approved" else None,
        )  # fmt: skip

    _bulk(Deliverable, (
        deliverable(p, n)
        for p in range(scale.projects) for n in range(scale.deliverables_per_project)
    ))  # fmt: skip
    deliverables = list(
        Deliverable.objects.order_by("pk").values_list(
            "pk", "lead_organisation_id", "status", "project_id"
        )
    )
    # The partner listed after the lead contributes.
    place = {organisation: i for i, organisation in enumerate(organisations)}
    index_of = {pk: i for i, pk in enumerate(projects)}

    def next_partner(lead: int, project: int) -> int:
        if lead == bench_organisation:  # the project's coordinator contributes
            return organisation_of(index_of[project], 0)
        i = place[lead]
        return organisations[i - i % per + (i + 1) % per]

    _bulk(Contribution, (
        Contribution(deliverable_id=pk, organisation_id=next_partner(lead, project))
        for pk, lead, _, project in deliverables
    ))  # fmt: skip
    _bulk(Submission, (
        Submission(deliverable_id=pk, link=f"https://example.org/deliverables/{pk}",
                   token=uuid.uuid4())
        for pk, _, status, _ in deliverables if status in ("submitted", "approved")
    ))  # fmt: skip
    _bulk(Meeting, (
        Meeting(project_id=projects[p], kind="transnational", title=f"Meeting {n} of P{p}",
                start_date=DAY + timedelta(days=30 * n - 300),
                end_date=DAY + timedelta(days=30 * n - 299), city=f"City {n}", country="FR")
        for p in range(scale.projects) for n in range(scale.meetings_per_project)
    ))  # fmt: skip
    meetings = list(Meeting.objects.order_by("pk").values_list("pk", "project_id", "end_date"))
    _bulk(ActionItem, (
        ActionItem(meeting_id=pk, description=f"Action {k} of meeting {pk}",
                   owner_id=first_person[organisation_of(index_of[project], k + 1)],
                   due_date=end + timedelta(days=14), status=rng.choice(["open", "done"]))
        for pk, project, end in meetings for k in range(2)
    ))  # fmt: skip
    _bulk(NewsletterIssue, (
        NewsletterIssue(period_start=date(1990 + m // 12, m % 12 + 1, 1),
                        period_end=date(1990 + m // 12, m % 12 + 1, 28), language=language,
                        generated_content=f"# Issue {m}\n")
        for m in range(500) for language in ("en", "fr")
    ))  # fmt: skip

    user_model = get_user_model()
    officer = user_model.objects.create_user("bench-officer", password="bench", is_staff=True)
    officer.groups.add(ensure_officer_group())
    partner = user_model.objects.create_user("bench-partner", password="bench")
    contact = Person.objects.create(
        first_name="Bench", last_name="Partner", email="bench.partner@example.org",
        organisation_id=bench_organisation, user=partner,
    )  # fmt: skip
    contact.partnerships.add(*bench_partnerships)
    # A user for a contact who exists already, so that every count above stays as it was.
    coordinator = user_model.objects.create_user("bench-coordinator", password="bench")
    Person.objects.filter(pk=first_person[organisation_of(0, 0)]).update(user=coordinator)

    # Fresh statistics, as autovacuum would gather after such a load: with the empty tables'
    # estimates the planner costs small queries as huge ones and compiles them (JIT).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    counts = {
        model._meta.verbose_name_plural: model.objects.count()
        for model in (Project, Organisation, Person, Deliverable, Meeting, Partnership, Objective,
                      WorkPackage, Contribution, Submission, ActionItem, NewsletterIssue)
    }  # fmt: skip
    return World(officer, partner, coordinator, counts, time.perf_counter() - started)
