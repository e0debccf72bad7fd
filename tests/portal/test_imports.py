"""Importing a workbook from the pages: who may, the preview that writes nothing, the
confirmation that writes all, and the files refused with a message beside the field."""

from io import BytesIO, StringIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from deliverables.models import Deliverable
from meetings.models import Meeting
from projects.models import Project
from tests.factories import DeliverableFactory, OrganisationFactory
from workbooks.importing import import_workbook
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ON_OWN_PROJECT = {
    "officer": 200,
    "coordinator": 200,
    "partner": 403,
    "other-coordinator": 404,
    "other-partner": 404,
}


def exported(project, tmp_path, edit=None) -> bytes:
    """The project's workbook as export_project writes it, edited by `edit(workbook)`."""
    path = tmp_path / "project.xlsx"
    call_command("export_project", project.reference_number, output=str(path), stdout=StringIO())
    if edit:
        workbook = load_workbook(path)
        edit(workbook)
        workbook.save(path)
    return path.read_bytes()


def upload(content: bytes, name="project.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def set_cell(sheet_title, column, value, row=2):
    def edit(workbook):
        sheet = workbook[sheet_title]
        header = [cell.value for cell in sheet[1]]
        sheet.cell(row=row, column=header.index(column) + 1, value=value)

    return edit


def key_of(response) -> str:
    return response.context["confirm_form"].initial["key"]


@pytest.mark.parametrize("role", [*ON_OWN_PROJECT, "anonymous"])
def test_the_import_page_answers_each_role(client_as, world, role, tmp_path):
    client = client_as(role)
    url = f"/projects/{world.own.project.pk}/import/"
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert response.status_code == ON_OWN_PROJECT[role]
    posted = client.post(url, {"workbook": upload(exported(world.own.project, tmp_path))})
    assert posted.status_code == ON_OWN_PROJECT[role]


@pytest.mark.parametrize(
    ("role", "status"),
    [("officer", 200), ("coordinator", 403), ("partner", 403), ("other-partner", 403)],
)
def test_a_new_project_from_a_workbook_is_for_officers(client_as, role, status):
    assert client_as(role).get("/projects/import/").status_code == status


def test_the_links_are_shown_to_whom_may(client_as, world):
    detail = f"/projects/{world.own.project.pk}/"
    assert "Import a workbook" in client_as("coordinator").get(detail).content.decode()
    assert "/projects/import/" not in client_as("coordinator").get("/projects/").content.decode()
    assert "Import a workbook" not in client_as("partner").get(detail).content.decode()
    officer = client_as("officer")
    assert "/projects/import/" in officer.get("/projects/").content.decode()
    assert f"/projects/{world.own.project.pk}/import/" in officer.get(detail).content.decode()


def test_the_preview_shows_refusals_and_writes_nothing(client_as, world, tmp_path):
    deliverable = world.own.rows["deliverables"]
    content = exported(
        world.own.project, tmp_path, set_cell("deliverables", "due_date", "2031-01-01")
    )
    client = client_as("coordinator")
    response = client.post(
        f"/projects/{world.own.project.pk}/import/", {"workbook": upload(content)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some rows are refused" in page and "due_date" in page
    assert "Confirm the import" not in page
    [(row, column, _message)] = response.context["report"].sheets["deliverables"].refused
    assert (row, column) == (2, "due_date")
    assert Deliverable.objects.get(pk=deliverable.pk).due_date == deliverable.due_date


def test_confirming_writes_what_the_preview_showed(client_as, world, tmp_path):
    deliverable = world.own.rows["deliverables"]
    content = exported(world.own.project, tmp_path, set_cell("deliverables", "title", "Renamed"))
    client = client_as("coordinator")
    url = f"/projects/{world.own.project.pk}/import/"
    preview = client.post(url, {"workbook": upload(content)})
    assert preview.status_code == 200
    assert "1 to update" in preview.content.decode()
    assert Deliverable.objects.get(pk=deliverable.pk).title != "Renamed"
    key = key_of(preview)
    confirmed = client.post(url, {"key": key})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/projects/{world.own.project.pk}/"
    assert Deliverable.objects.get(pk=deliverable.pk).title == "Renamed"
    again = client.post(url, {"key": key})  # used once
    assert again.status_code == 400 and "expired" in again.content.decode()


def test_a_key_is_bound_to_its_user_and_project(client_as, world, tmp_path):
    url = f"/projects/{world.own.project.pk}/import/"
    content = exported(world.own.project, tmp_path)
    key = key_of(client_as("coordinator").post(url, {"workbook": upload(content)}))
    officer = client_as("officer")
    assert officer.post(url, {"key": key}).status_code == 400
    assert officer.post("/projects/import/", {"key": key}).status_code == 400
    assert officer.post(url, {"key": "made-up"}).status_code == 400
    cache.clear()
    coordinator = client_as("coordinator")
    expired = coordinator.post(url, {"key": key})
    assert expired.status_code == 400
    assert "expired" in expired.context["form"].errors["workbook"][0]


def test_a_workbook_of_another_project_is_refused(client_as, world, tmp_path):
    content = exported(world.other.project, tmp_path)
    response = client_as("officer").post(
        f"/projects/{world.own.project.pk}/import/", {"workbook": upload(content)}
    )
    assert response.context["report"].refused
    assert "Confirm the import" not in response.content.decode()


def test_a_new_project_is_created_from_a_workbook(client_as, world, tmp_path):
    reference = "2026-1-FR01-KA220-VET-000000777"

    def edit(workbook):
        set_cell("project", "reference_number", reference)(workbook)
        set_cell("project", "acronym", "FRESH")(workbook)

    content = exported(world.own.project, tmp_path, edit)
    client = client_as("officer")
    preview = client.post("/projects/import/", {"workbook": upload(content)})
    assert preview.status_code == 200, preview.context["report"].sheets
    assert not Project.objects.filter(reference_number=reference).exists()
    assert not preview.context["report"].refused, dict(preview.context["report"].sheets)
    confirmed = client.post("/projects/import/", {"key": key_of(preview)})
    project = Project.objects.get(reference_number=reference)
    assert confirmed["Location"] == f"/projects/{project.pk}/"
    assert project.deliverables.count() == world.own.project.deliverables.count()


def test_a_file_over_the_limit_is_refused_beside_the_field(client_as, world, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = client_as("officer").post(
        f"/projects/{world.own.project.pk}/import/", {"workbook": upload(b"x" * 101)}
    )
    assert response.status_code == 400
    assert "at most" in response.context["form"].errors["workbook"][0]


def test_the_command_keeps_the_limit_too(world, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"x" * 101)
    with pytest.raises(CommandError, match="at most"):
        call_command("import_workbook", str(path), stdout=StringIO())


@pytest.mark.parametrize(
    "content",
    [
        b"not a workbook at all",
        b"PK\x03\x04 a damaged zip",
        # A password-protected workbook is an OLE2 container, not a zip.
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    ],
)
def test_a_file_that_is_no_readable_workbook_is_refused(client_as, world, content):
    response = client_as("officer").post(
        f"/projects/{world.own.project.pk}/import/", {"workbook": upload(content)}
    )
    assert response.status_code == 400
    assert "Excel workbook" in response.context["form"].errors["workbook"][0]  # which, and why


def test_an_empty_post_names_the_field(client_as, world):
    response = client_as("officer").post(f"/projects/{world.own.project.pk}/import/", {})
    assert response.status_code == 400
    assert response.context["form"].errors["workbook"]


def count_queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if data else client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_upload_page_costs_the_same_for_a_larger_project(client_as, world):
    client = client_as("coordinator")
    url = f"/projects/{world.own.project.pk}/import/"
    small = count_queries(client, url)
    DeliverableFactory.create_batch(
        12, project=world.own.project, lead_organisation=world.own.coordinator_org
    )
    assert count_queries(client, url) == small


def test_the_preview_costs_a_bounded_number_of_queries_per_row(client_as, world, tmp_path):
    client = client_as("coordinator")
    url = f"/projects/{world.own.project.pk}/import/"
    small = count_queries(client, url, {"workbook": upload(exported(world.own.project, tmp_path))})
    DeliverableFactory.create_batch(
        5, project=world.own.project, lead_organisation=world.own.coordinator_org
    )
    content = exported(world.own.project, tmp_path)
    large = count_queries(client, url, {"workbook": upload(content)})
    # The engine checks each row with the models' own rules; the page adds nothing per row.
    assert large - small <= 5 * 15, (small, large)


def test_reading_an_open_file_is_the_same_as_reading_a_path(world, tmp_path):
    from workbooks.importing import import_workbook

    content = exported(world.own.project, tmp_path)
    report = import_workbook(path=BytesIO(content), dry_run=True)
    assert not report.refused and not report.written


def test_a_change_between_preview_and_confirmation_is_shown_and_nothing_written(
    client_as, world, tmp_path
):
    deliverable = world.own.rows["deliverables"]

    def edit(workbook):
        set_cell("project", "acronym", "FREE")(workbook)
        set_cell("deliverables", "title", "Renamed")(workbook)

    client = client_as("officer")
    url = f"/projects/{world.own.project.pk}/import/"
    preview = client.post(url, {"workbook": upload(exported(world.own.project, tmp_path, edit))})
    assert not preview.context["report"].refused
    Project.objects.filter(pk=world.other.project.pk).update(acronym="FREE")
    response = client.post(url, {"key": key_of(preview)})
    assert response.status_code == 400
    assert "already uses this acronym" in response.content.decode()
    assert Deliverable.objects.get(pk=deliverable.pk).title == deliverable.title


def test_a_french_users_preview_shows_french_refusals(client_as, world, tmp_path, settings):
    content = exported(
        world.own.project, tmp_path, set_cell("deliverables", "due_date", "12/31/2023")
    )
    client = client_as("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    # The request leaves its language active in this thread: given back to the next tests.
    with translation.override(settings.LANGUAGE_CODE):
        response = client.post(
            f"/projects/{world.own.project.pk}/import/", {"workbook": upload(content)}
        )
    [(row, column, message)] = response.context["report"].sheets["deliverables"].refused
    assert (row, column) == (2, "due_date")
    assert message == (
        "12/31/2023 n’est pas une date. Écrivez une date au format AAAA-MM-JJ, par exemple "
        "2026-03-31, ou comme 31/03/2026, ou utilisez une cellule de date\u00a0; ou bien un "
        "mois seul, par exemple 2026-03, tant que le jour reste à confirmer."
    )
    assert "Certaines lignes sont refusées" in response.content.decode()


def test_a_file_refused_whole_is_refused_in_the_users_language(client_as, world, settings):
    client = client_as("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    with translation.override(settings.LANGUAGE_CODE):
        response = client.post(
            f"/projects/{world.own.project.pk}/import/",
            {"workbook": upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old.xlsx")},
        )
    assert response.context["form"].errors["workbook"] == [
        "Dies ist eine alte Excel-Arbeitsmappe (.xls): Speichern Sie sie als "
        "Excel-Arbeitsmappe (.xlsx)."
    ]


def deliverables_csv(world, count: int) -> bytes:
    lead = organisation_key(world.own.coordinator_org)
    contributor = organisation_key(world.own.partner_org)
    package = world.own.rows["work-packages"].code
    lines = ["code,title,kind,work_package,lead_organisation,contributors,due_date"]
    lines += [
        f"B{n},Risultato {n} Köln,guide,{package},{lead},{contributor},2023-{n % 12 + 1:02d}"
        for n in range(count)
    ]
    return "\n".join(lines).encode()


@pytest.mark.parametrize("stored", [False, True], ids=["to create", "unchanged"])
def test_the_preview_costs_the_same_for_10_and_200_rows(client_as, world, stored):
    client = client_as("coordinator")
    url = f"/projects/{world.own.project.pk}/import/"
    counts = {}
    for count in (10, 200):
        content = deliverables_csv(world, count)
        if stored:
            report = import_workbook(
                path=BytesIO(content),
                name="d.csv",
                reference=world.own.project.reference_number,
                dry_run=False,
            )
            assert report.written, dict(report.sheets)
        upload = SimpleUploadedFile("deliverables.csv", content, content_type="text/csv")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"workbook": upload})
        sheet = response.context["report"].sheets["deliverables"]
        assert len(sheet.unchanged if stored else sheet.created) == count, sheet
        counts[count] = len(queries)
    assert counts[10] == counts[200], counts


def edited_by(role, client_as, world, tmp_path, edit):
    """Preview `edit` of the own project's workbook as `role`: the report."""
    content = exported(world.own.project, tmp_path, edit)
    response = client_as(role).post(
        f"/projects/{world.own.project.pk}/import/", {"workbook": upload(content)}
    )
    assert response.status_code == 200
    return response.context["report"]


OFFICERS_CHANGES = {
    "the grant": ("project", "eu_grant", "999999.00"),
    "a person's name": ("people", "last_name", "Hacked"),
    "an organisation's website": ("organisations", "website", "https://phish.example.org/"),
    "a partner's role": ("partnerships", "role", "associated"),
    "an objective's status": ("objectives", "status", "achieved"),
}


@pytest.mark.parametrize("change", OFFICERS_CHANGES)
def test_a_coordinator_imports_no_change_the_api_keeps_for_officers(
    client_as, world, tmp_path, change
):
    sheet, column, value = OFFICERS_CHANGES[change]
    report = edited_by("coordinator", client_as, world, tmp_path, set_cell(sheet, column, value))
    [(row, _column, message)] = report.sheets[sheet].refused
    assert row == 2 and "officer" in message
    assert not report.written
    officers = edited_by("officer", client_as, world, tmp_path, set_cell(sheet, column, value))
    assert not officers.refused and officers.sheets[sheet].updated == [2]


def test_a_coordinator_reimports_the_workbook_as_it_was_exported(client_as, world, tmp_path):
    report = edited_by("coordinator", client_as, world, tmp_path, None)
    assert not report.refused
    assert all(not sheet.created and not sheet.updated for sheet in report.sheets.values())


def test_a_confirmation_after_the_project_changed_shows_the_new_preview_first(
    client_as, world, tmp_path
):
    deliverable = world.own.rows["deliverables"]
    content = exported(world.own.project, tmp_path, set_cell("deliverables", "code", "D9.9"))
    client = client_as("coordinator")
    url = f"/projects/{world.own.project.pk}/import/"
    preview = client.post(url, {"workbook": upload(content)})
    assert preview.context["report"].sheets["deliverables"].created == [2]
    # A colleague adds D9.9 before the confirmation: the file would now update theirs.
    DeliverableFactory(
        project=world.own.project,
        code="D9.9",
        lead_organisation=deliverable.lead_organisation,
        due_date=deliverable.due_date,
    )
    changed = client.post(url, {"key": key_of(preview)})
    assert changed.status_code == 409
    assert "The project changed since this file was previewed" in changed.content.decode()
    assert changed.context["report"].sheets["deliverables"].updated == [2]
    assert (
        Deliverable.objects.get(project=world.own.project, code="D9.9").title != deliverable.title
    )
    confirmed = client.post(url, {"key": key_of(changed)})
    assert confirmed.status_code == 302
    assert (
        Deliverable.objects.get(project=world.own.project, code="D9.9").title == deliverable.title
    )


def test_a_project_without_a_reference_takes_no_other_projects_workbook(client_as, world, tmp_path):
    # A project may have no reference number until its grant is awarded: the page's project is
    # still the one the rows go to, never the one the file names.
    content = exported(world.other.project, tmp_path)
    Project.objects.filter(pk=world.own.project.pk).update(reference_number="")
    before = world.other.project.deliverables.count()
    response = client_as("coordinator").post(
        f"/projects/{world.own.project.pk}/import/", {"workbook": upload(content)}
    )
    report = response.context["report"]
    [(row, column, message)] = report.sheets["project"].refused
    assert (row, column) == (2, "reference_number")
    assert world.other.project.reference_number in message
    assert "Confirm the import" not in response.content.decode()
    assert world.other.project.deliverables.count() == before


def test_a_coordinator_adds_no_objective_which_the_api_keeps_for_officers(
    client_as, world, tmp_path
):
    report = edited_by(
        "coordinator", client_as, world, tmp_path, set_cell("objectives", "title", "Renamed")
    )
    [(row, _column, message)] = report.sheets["objectives"].refused
    assert row == 2 and "officer" in message


@pytest.mark.parametrize("role", ON_OWN_PROJECT)
def test_a_projects_workbook_is_for_whoever_may_import_into_it(client_as, world, role):
    url = f"/projects/{world.own.project.pk}/workbook.xlsx"
    assert client_as(role).get(url).status_code == ON_OWN_PROJECT[role]


def workbook_of(client, project) -> bytes:
    download = client.get(f"/projects/{project.pk}/workbook.xlsx")
    assert download["Content-Type"] == XLSX
    assert f'filename="{project.acronym}-' in download["Content-Disposition"]
    return b"".join(download.streaming_content)


def cells(content: bytes) -> dict[str, list]:
    workbook = load_workbook(BytesIO(content))
    return {sheet.title: [c for row in sheet.iter_rows(values_only=True) for c in row]
            for sheet in workbook.worksheets}  # fmt: skip


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_the_workbook_the_import_page_offers_imports_back_unchanged(client_as, world, role):
    project = world.own.project
    world.own.rows["meetings"].participants.add(*world.own.people)
    url = f"/projects/{project.pk}/import/"
    client = client_as(role)
    assert f"/projects/{project.pk}/workbook.xlsx" in client.get(url).content.decode()
    content = workbook_of(client, project)
    addresses = [c for sheet in cells(content).values() for c in sheet if "@" in str(c or "")]
    if role == "officer":
        assert "people" in cells(content) and addresses
    else:  # the people's addresses are the officers' to take away in a file
        assert "people" not in cells(content) and addresses == []

    preview = client.post(url, {"workbook": upload(content)})
    assert preview.status_code == 200
    report = preview.context["report"]
    assert not report.refused
    assert all(not sheet.created and not sheet.updated for sheet in report.sheets.values())
    assert sum(len(sheet.unchanged) for sheet in report.sheets.values()) > 5
    assert client.post(url, {"key": key_of(preview)}).status_code == 302
    assert set(world.own.rows["meetings"].participants.all()) == set(world.own.people)
    assert world.own.rows["partnerships"].contacts.exists()


def test_a_coordinators_workbook_names_no_organisation_they_may_not_see(client_as, world):
    # A meeting's host recorded before hosts had to be partners of the project.
    host = OrganisationFactory(name="Unseen Host Foundation", oid="E77777777", country="BE")
    Meeting.objects.filter(pk=world.own.rows["meetings"].pk).update(host_organisation=host)
    project = world.own.project
    coordinator = cells(workbook_of(client_as("coordinator"), project))
    assert not any("Unseen Host" in str(cell) for cell in coordinator["organisations"])
    assert "E77777777" not in coordinator["organisations"]
    officer = cells(workbook_of(client_as("officer"), project))
    assert "E77777777" in officer["organisations"]
