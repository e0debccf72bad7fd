"""Every table of the pages downloads as CSV and Excel: the rows the page shows, with its
filters, in the reader's language, nothing of a project one is not in, and no cell that a
spreadsheet program would run."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from deliverables.models import Deliverable, Submission
from meetings.models import ActionItem, Guest, Meeting, Participation
from partners.models import Organisation, Person
from projects.models import Objective, ObjectiveStatusChange
from tests.factories import (
    ActionItemFactory,
    DeliverableFactory,
    MeetingFactory,
    ObjectiveFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]
# What every project's tables of the world hold, renamed so that a stray row is easy to see.
FOREIGN = "Foreign"


@pytest.fixture
def tables_world(world, settings):
    """The world on 25 June 2023: D1 due in five days, each project's action item late, a
    meeting ahead in OWN; OTHER's rows all say "Foreign"."""
    settings.DEMO_TODAY = date(2023, 6, 25)
    other = world.other
    Organisation.objects.filter(pk=other.coordinator_org.pk).update(
        name=f"{FOREIGN} centre", short_name=f"{FOREIGN} CdM"
    )
    Person.objects.filter(pk__in=[p.pk for p in other.people]).update(last_name=FOREIGN)
    Meeting.objects.filter(pk=other.rows["meetings"].pk).update(title=f"{FOREIGN} meeting")
    Objective.objects.filter(project=other.project).update(title=f"{FOREIGN} objective")
    Deliverable.objects.filter(project=other.project).update(title=f"{FOREIGN} deliverable")
    ActionItem.objects.filter(meeting__project=other.project).update(
        description=f"{FOREIGN} action"
    )
    MeetingFactory(project=world.own.project, title="Training in Paris",
                   start_date=date(2023, 9, 10), end_date=date(2023, 9, 11))  # fmt: skip
    return world


def read(response, fmt: str) -> tuple[list, list[list]]:
    """The header and the rows of a downloaded sheet, as text cells."""
    assert response.status_code == 200, response
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        return header, rows
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    header, *rows = (
        [("" if v is None else v) for v in row] for row in sheet.iter_rows(values_only=True)
    )
    return header, rows


def holds_nothing_foreign(rows) -> None:
    for row in rows:
        for cell in row:
            assert FOREIGN not in str(cell), row
            assert cell != "OTHER", row


def own_urls(world) -> dict[str, str]:
    project, meeting = world.own.project.pk, world.own.rows["meetings"].pk
    urls = {
        f"project {table}": f"/projects/{project}/{table}"
        for table in ("deliverables", "partners", "objectives", "meetings", "action-items",
                      "work-packages", "work-plan")
    }  # fmt: skip
    urls |= {f"meeting {t}": f"/meetings/{meeting}/{t}" for t in ("participants", "action-items")}
    urls |= {f"my work {t}": f"/my-work/{t}" for t in ("deliverables", "action-items", "meetings")}
    urls["projects"] = "/projects"
    return urls


PARTNER_TABLES = {
    # table: (first column, a value of OWN the partner must find in it)
    "project deliverables": ("Project", "D1"),
    "project partners": ("Country", "France"),
    "project objectives": ("#", 1),
    "project meetings": ("Meeting", "Training in Paris"),
    "project action-items": ("Meeting", "Send the draft to all partners"),
    "project work-packages": ("Code", "WP1"),
    "project work-plan": ("Work package", "D1"),
    "meeting participants": ("Name", "Anne Martin"),
    "meeting action-items": ("Meeting", "Send the draft to all partners"),
    "my work deliverables": ("Project", "D1"),
    "my work action-items": ("Project", "Send the draft to all partners"),
    "my work meetings": ("When", "Training in Paris"),
    "projects": ("Project", "OWN"),
}


@pytest.fixture
def guest_and_participant(tables_world):
    meeting = tables_world.own.rows["meetings"]
    Participation.objects.create(meeting=meeting, person=tables_world.own.people[1], attended=True)
    Guest.objects.create(meeting=meeting, name="Ona Guest", organisation_name="Outside NGO",
                         country="LT", email="ona@example.org", email_consent=True,
                         attended=False)  # fmt: skip
    return meeting


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", PARTNER_TABLES)
def test_a_partner_downloads_every_table_of_their_pages_and_nothing_else(
    signed_in, tables_world, guest_and_participant, table, fmt
):
    url = own_urls(tables_world)[table]
    header, rows = read(signed_in("partner").get(f"{url}.{fmt}"), fmt)
    first_column, expected = PARTNER_TABLES[table]
    assert header[0] == first_column
    assert rows, table
    assert any(
        expected == cell or (isinstance(cell, str) and str(expected) in cell)
        for row in rows
        for cell in row
    ), rows
    holds_nothing_foreign(rows)
    # A partner contact reads no e-mail address on these pages: none in their files either.
    assert not any("@example.org" in str(cell) for row in rows for cell in row)


def test_the_pages_offer_their_tables(signed_in, tables_world, guest_and_participant):
    client = signed_in("partner")
    own = tables_world.own
    pages = {
        f"/projects/{own.project.pk}/": ["partners", "objectives", "deliverables", "meetings",
                                         "action-items"],
        f"/projects/{own.project.pk}/work-plan/": ["work-packages", "work-plan"],
        f"/meetings/{own.rows['meetings'].pk}/": ["participants", "action-items"],
        "/my-work/": ["deliverables", "action-items", "meetings"],
    }  # fmt: skip
    for page, tables in pages.items():
        html = client.get(page).content.decode()
        base = page.removesuffix("work-plan/")
        for table in tables:
            for fmt in FORMATS:
                assert f'{base}{table}.{fmt}"' in html, (page, table, fmt)
    assert 'href="/projects.xlsx"' in client.get("/projects/").content.decode()


def test_the_participants_list_names_guests_and_attendance_but_no_address(
    signed_in, tables_world, guest_and_participant
):
    url = f"/meetings/{guest_and_participant.pk}/participants.csv"
    header, rows = read(signed_in("partner").get(url), "csv")
    assert header == ["Name", "Organisation", "Country", "Taking part as", "Type", "Attended"]
    partner = tables_world.own.people[1]
    assert [partner.full_name, tables_world.own.partner_org.short_name, "France", "participant",
            "Staff", "yes"] in rows  # fmt: skip
    assert "Ona Guest" not in str(rows)  # outside people's details: for who runs the project
    assert "@example.org" not in str(rows)

    # Who runs the project reads the guest's type, and the address she agreed to be contacted at.
    header, rows = read(signed_in("coordinator").get(url), "csv")
    assert header[4:] == ["Type", "E-mail (with consent)", "Attended"]
    assert ["Ona Guest", "Outside NGO", "Lithuania", "guest", "Stakeholder", "ona@example.org",
            "no"] in rows  # fmt: skip
    # A partner contact's own address stays out of the file (may_export_personal_data).
    assert not any(row[5] for row in rows if row[3] == "participant")


def test_a_partners_contacts_are_named_without_their_addresses(signed_in, tables_world):
    project = tables_world.own.project
    header, rows = read(signed_in("partner").get(f"/projects/{project.pk}/partners.csv"), "csv")
    assert header == ["Country", "Organisation", "City", "Role", "Contacts"]
    names = {row[4] for row in rows}
    assert {p.full_name for p in tables_world.own.people} <= names


@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_of_a_project_or_meeting_one_is_not_in_answer_404(signed_in, tables_world, fmt):
    other = tables_world.other
    client = signed_in("partner")
    for table in ("deliverables", "partners", "objectives", "meetings", "work-plan"):
        assert client.get(f"/projects/{other.project.pk}/{table}.{fmt}").status_code == 404
    for table in ("participants", "action-items"):
        assert client.get(f"/meetings/{other.rows['meetings'].pk}/{table}.{fmt}").status_code == 404


def test_unknown_tables_and_formats_answer_404(signed_in, tables_world):
    client = signed_in("officer")
    project = tables_world.own.project.pk
    assert client.get(f"/projects/{project}/budget.csv").status_code == 404
    assert client.get(f"/projects/{project}/partners.pdf").status_code == 404
    assert client.get("/my-work/everything.xlsx").status_code == 404
    assert client.get("/dashboard/secrets.csv").status_code == 404


DASHBOARD_TABLES = {
    "projects": "Project",
    "deadlines": "Due",
    "late": "Due",
    "status-changes": "Changed on",
    "newsletters": "Start",
}


@pytest.fixture
def status_change(tables_world):
    for scope in (tables_world.own, tables_world.other):
        ObjectiveStatusChange.objects.create(
            objective=scope.rows["objectives"], from_status="not_started",
            to_status="in_progress", changed_by=tables_world.users["officer"], comment="Begun",
        )  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", [t for t in DASHBOARD_TABLES if t != "newsletters"])
def test_an_officer_downloads_the_dashboards_lists_with_every_project(
    signed_in, tables_world, status_change, table, fmt
):
    header, rows = read(signed_in("officer").get(f"/dashboard/{table}.{fmt}"), fmt)
    assert header[0] == DASHBOARD_TABLES[table]
    projects = {row[header.index("Project")] for row in rows}
    assert {"OWN", "OTHER"} <= projects, rows


def test_the_dashboard_offers_its_lists_to_officers_only(signed_in, tables_world, status_change):
    html = signed_in("officer").get("/dashboard/").content.decode()
    for table in ("projects", "deadlines", "late", "status-changes"):
        assert f'/dashboard/{table}.csv"' in html, table
    client = signed_in("partner")
    assert client.get("/dashboard/late.csv").status_code == 403
    assert client.get("/people.csv").status_code == 403


def test_the_late_list_holds_deliverables_and_action_items_the_longest_late_first(
    signed_in, tables_world
):
    DeliverableFactory(project=tables_world.own.project, code="D0", title="Old guide",
                       lead_organisation=tables_world.own.partner_org,
                       due_date=date(2023, 2, 1))  # fmt: skip
    header, rows = read(signed_in("officer").get("/dashboard/late.csv"), "csv")
    assert header == ["Due", "Project", "Kind", "Item", "Lead or owner", "When"]
    assert rows[0][:4] == ["2023-02-01", "OWN", "deliverable", "D0 Old guide"]
    assert rows[0][5] == "144 days late"
    assert {row[2] for row in rows} == {"deliverable", "action item"}


def test_an_officer_reads_a_partners_whole_project(signed_in, tables_world):
    other = tables_world.other.project
    _header, rows = read(signed_in("officer").get(f"/projects/{other.pk}/objectives.xlsx"), "xlsx")
    assert rows == [[1, f"{FOREIGN} objective", "Not started"]]


def test_the_project_table_keeps_the_pages_filters(signed_in, tables_world):
    own = tables_world.own
    DeliverableFactory(project=own.project, code="D9", lead_organisation=own.coordinator_org,
                       due_date=date(2023, 3, 1))  # fmt: skip
    url = f"/projects/{own.project.pk}/deliverables.xlsx?late=on"
    assert (
        "deliverables.xlsx?late=on"
        in signed_in("partner").get(f"/projects/{own.project.pk}/?late=on").content.decode()
    )
    _header, rows = read(signed_in("partner").get(url), "xlsx")
    assert [row[1] for row in rows] == ["D9"]


def test_the_people_list_downloads_as_searched_with_addresses_for_officers(signed_in, tables_world):
    partner = tables_world.own.people[1]
    client = signed_in("officer")
    assert (
        'href="/people.csv?q=partner%40example.org"'
        in client.get("/people/?q=partner%40example.org").content.decode()
    )
    header, rows = read(client.get("/people.csv?q=partner@example.org"), "csv")
    assert header == ["Name", "Job title", "Organisation", "E-mail address", "Login"]
    assert rows == [[partner.full_name, "", partner.organisation.short_name,
                     "partner@example.org", "Active"]]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_french_reader_gets_french_headers(signed_in, tables_world, fmt):
    Person.objects.filter(user=tables_world.users["partner"]).update(preferred_language="fr")
    client = signed_in("partner")
    project = tables_world.own.project.pk
    header, rows = read(client.get(f"/projects/{project}/partners.{fmt}"), fmt)
    assert header == ["Pays", "Organisation", "Ville", "Rôle", "Contacts"]
    assert {row[0] for row in rows} == {"France"}
    header, rows = read(client.get(f"/my-work/action-items.{fmt}"), fmt)
    assert header == ["Projet", "Réunion", "Action", "Échéance", "Statut"]
    assert rows[0][4].endswith(" · en retard")
    header, _rows = read(client.get(f"/projects/{project}/meetings.{fmt}"), fmt)
    assert header[:3] == ["Réunion", "Type", "Quand"]


def test_cells_that_look_like_formulas_stay_text(signed_in, tables_world):
    own = tables_world.own
    Objective.objects.filter(project=own.project).update(title='=HYPERLINK("http://x.example")')
    ActionItem.objects.filter(meeting__project=own.project).update(description="@SUM(A1:A9)")
    client = signed_in("partner")
    _header, rows = read(client.get(f"/projects/{own.project.pk}/objectives.csv"), "csv")
    assert rows[0][1] == """'=HYPERLINK("http://x.example")"""
    _header, rows = read(client.get("/my-work/action-items.csv"), "csv")
    assert rows[0][2] == "'@SUM(A1:A9)"
    response = client.get(f"/projects/{own.project.pk}/objectives.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x.example")', "s")


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response.streaming_content)
    return len(queries)


QUERY_TABLES = [
    "project partners", "project meetings", "project action-items", "project work-plan",
    "meeting participants", "my work deliverables", "my work action-items", "projects",
]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_costs_the_same_queries_for_more_rows(signed_in, tables_world, fmt):
    own = tables_world.own
    client = signed_in("coordinator")
    urls = own_urls(tables_world)
    before = {t: queries_of(client, f"{urls[t]}.{fmt}") for t in QUERY_TABLES}
    for n in range(4):
        partnership = PartnershipFactory(project=own.project)
        partnership.contacts.add(PersonFactory(organisation=partnership.organisation))
        deliverable = DeliverableFactory(project=own.project, code=f"X{n}",
                                         lead_organisation=own.coordinator_org)  # fmt: skip
        deliverable.contributions.create(organisation=partnership.organisation)
        meeting = MeetingFactory(project=own.project)
        ActionItemFactory(meeting=meeting, owner=own.people[0])
        ActionItemFactory(meeting=own.rows["meetings"], owner=own.people[0])
        Participation.objects.create(
            meeting=own.rows["meetings"], person=partnership.contacts.get()
        )
        Guest.objects.create(meeting=own.rows["meetings"], name=f"Guest {n}",
                             organisation_name="NGO", country="LT")  # fmt: skip
    after = {t: queries_of(client, f"{urls[t]}.{fmt}") for t in QUERY_TABLES}
    assert after == before


def officer_urls(world) -> dict[str, str]:
    """Every table of the pages, the officers' ones too."""
    urls = own_urls(world) | {"my work awaiting-review": "/my-work/awaiting-review"}
    urls |= {f"dashboard {t}": f"/dashboard/{t}" for t in DASHBOARD_TABLES}
    return urls | {"people": "/people"}


def more_of_everything(world, first: int, count: int) -> None:
    own = world.own
    for n in range(first, first + count):
        partnership = PartnershipFactory(project=own.project)
        person = PersonFactory(organisation=partnership.organisation)
        partnership.contacts.add(person)
        package = WorkPackageFactory(project=own.project, code=f"WP{n + 5}",
                                     lead_organisation=partnership.organisation)  # fmt: skip
        deliverable = DeliverableFactory(
            project=own.project, code=f"X{n}", lead_organisation=own.coordinator_org,
            work_package=package, due_date=date(2023, 6, 28), status="submitted",
        )  # fmt: skip
        deliverable.contributions.create(organisation=partnership.organisation)
        Submission.objects.create(deliverable=deliverable, submitted_by=world.users["partner"],
                                  link="https://example.org/guide.pdf")  # fmt: skip
        meeting = MeetingFactory(project=own.project, start_date=date(2023, 7, 1 + n),
                                 end_date=date(2023, 7, 1 + n),
                                 host_organisation=partnership.organisation)  # fmt: skip
        ActionItemFactory(meeting=meeting, owner=own.people[0], due_date=date(2023, 6, 1))
        Participation.objects.create(meeting=own.rows["meetings"], person=person)
        Participation.objects.create(meeting=meeting, person=own.people[0])
        ObjectiveStatusChange.objects.create(
            objective=own.rows["objectives"], from_status="not_started",
            to_status="in_progress", changed_by=world.users["coordinator"], comment="Begun",
        )  # fmt: skip
        ObjectiveFactory(project=own.project, number=n + 5)
        ProjectFactory(acronym=f"P{n}")


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_every_table_costs_the_same_queries_for_more_rows(signed_in, tables_world, role):
    client = signed_in(role)
    urls = officer_urls(tables_world)
    if role != "officer":
        urls = {t: url for t, url in urls.items() if t.startswith(("project", "meeting", "my"))}
    more_of_everything(tables_world, 0, 1)  # every table has a row: its prefetches run
    before = {t: queries_of(client, f"{url}.csv") for t, url in urls.items()}
    more_of_everything(tables_world, 1, 4)
    assert {t: queries_of(client, f"{url}.csv") for t, url in urls.items()} == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_filters_naming_another_projects_rows_widen_nothing(signed_in, tables_world, fmt):
    own, other = tables_world.own, tables_world.other
    package = WorkPackageFactory(project=other.project, code="WP9",
                                 lead_organisation=other.coordinator_org)  # fmt: skip
    query = (f"lead_organisation={other.coordinator_org.pk}&work_package={package.pk}"
             f"&project={other.project.pk}&status=planned")  # fmt: skip
    client = signed_in("partner")
    _header, rows = read(client.get(f"/projects/{own.project.pk}/deliverables.{fmt}?{query}"), fmt)
    assert [row[1] for row in rows] == ["D1"]
    holds_nothing_foreign(rows)
    for url in ("/my-work/deliverables", "/projects"):
        _header, rows = read(client.get(f"{url}.{fmt}?project={other.project.pk}"), fmt)
        holds_nothing_foreign(rows)
