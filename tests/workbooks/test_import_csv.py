"""A CSV file of one table: recognised by its header row, in UTF-8 with or without a byte order
mark, comma or semicolon, imported with the same preview, rules and all-or-nothing as a
workbook, into the project it is imported into."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from deliverables.models import Deliverable
from partners.models import Organisation
from workbooks.importing import import_workbook
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db

NAMES = ["Città", "Cité", "Fundación", "Köln", "Ş", "ė", "ł"]


def write(path, lines: list[list[str]], delimiter=",", bom=True, encoding="utf-8"):
    text = "\r\n".join(delimiter.join(cell for cell in line) for line in lines) + "\r\n"
    path.write_bytes(("\ufeff" if bom else "").encode(encoding) + text.encode(encoding))
    return path


def deliverables(world, *rows) -> list[list[str]]:
    lead = organisation_key(world.own.coordinator_org)
    header = ["code", "title", "kind", "lead_organisation", "due_date", "status"]
    return [header] + [[code, title, "guide", lead, due, "planned"] for code, title, due in rows]


@pytest.mark.parametrize(("delimiter", "bom"), [(",", True), (";", True), (";", False)])
def test_a_csv_file_of_organisations_round_trips_unicode_names(world, tmp_path, delimiter, bom):
    lines = [["name", "short_name", "country", "city", "type"]] + [
        [f"Centro {name}", name, "IT", name, "education"] for name in NAMES
    ]
    path = write(tmp_path / "organisations.csv", lines, delimiter, bom)
    reference = world.own.project.reference_number
    report = import_workbook(path=path, reference=reference, dry_run=False)
    assert not report.refused, dict(report.sheets)
    assert list(report.sheets) == ["organisations"]
    assert len(report.sheets["organisations"].created) == len(NAMES)
    stored = Organisation.objects.filter(country="IT").values_list("name", "city")
    assert sorted(stored) == sorted((f"Centro {name}", name) for name in NAMES)
    again = import_workbook(path=path, reference=reference, dry_run=False)
    assert len(again.sheets["organisations"].unchanged) == len(NAMES)


def test_a_csv_file_of_deliverables_goes_into_its_project(world, tmp_path):
    path = write(
        tmp_path / "deliverables.csv",
        deliverables(world, ("D9.1", "Guida, Città — Köln", "2023-06-30")),
        delimiter=";",
    )
    reference = world.own.project.reference_number
    preview = import_workbook(path=path, reference=reference, dry_run=True)
    assert preview.sheets["deliverables"].created == [2] and not preview.written
    assert not Deliverable.objects.filter(code="D9.1").exists()
    import_workbook(path=path, reference=reference, dry_run=False)
    deliverable = Deliverable.objects.get(code="D9.1")
    assert deliverable.project == world.own.project
    assert deliverable.title == "Guida, Città — Köln"


def test_one_refused_row_writes_nothing(world, tmp_path):
    path = write(
        tmp_path / "deliverables.csv",
        deliverables(world, ("D9.1", "Fine", "2023-06-30"), ("D9.2", "Too late", "2031-01-01")),
    )
    report = import_workbook(path=path, reference=world.own.project.reference_number, dry_run=False)
    assert [(row, column) for row, column, _ in report.sheets["deliverables"].refused] == [
        (3, "due_date")
    ]
    assert not report.written and not Deliverable.objects.filter(code="D9.1").exists()


def test_a_csv_file_of_another_table_needs_its_project(world, tmp_path):
    path = write(tmp_path / "d.csv", deliverables(world, ("D9.1", "A", "2023-06-30")))
    report = import_workbook(path=path, dry_run=True)
    [(_row, _column, message)] = report.sheets["deliverables"].refused
    assert "no project row" in message and "--project" in message


def test_a_header_that_fits_no_table_names_the_tables(world, tmp_path):
    path = write(tmp_path / "x.csv", [["code", "name", "colour"], ["1", "A", "red"]])
    with pytest.raises(ValidationError) as refusal:
        import_workbook(path=path, dry_run=True)
    message = refusal.value.messages[0]
    assert "code, name, colour" in message
    assert "deliverables: code, title" in message and "organisations: oid" in message


def test_a_header_that_fits_several_tables_is_refused(world, tmp_path):
    path = write(tmp_path / "x.csv", [["code", "title"], ["D1", "A"]])
    with pytest.raises(ValidationError, match="work packages, deliverables"):
        import_workbook(path=path, dry_run=True)


def test_a_csv_file_not_in_utf8_is_refused(world, tmp_path):
    path = write(
        tmp_path / "x.csv", [["name", "country"], ["Città", "IT"]], bom=False, encoding="latin-1"
    )
    with pytest.raises(ValidationError, match="CSV UTF-8"):
        import_workbook(path=path, dry_run=True)


def test_a_csv_file_longer_than_the_limit_is_refused(world, tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [("D9.1", "A", "2023-06-30"), ("D9.2", "B", "2023-06-30"), ("D9.3", "C", "2023-06-30")]
    path = write(tmp_path / "d.csv", deliverables(world, *rows))
    with pytest.raises(ValidationError, match="more than 2 rows"):
        import_workbook(path=path, reference=world.own.project.reference_number, dry_run=True)


def test_the_command_reads_a_csv_file_into_the_project_given(world, tmp_path):
    path = write(tmp_path / "d.csv", deliverables(world, ("D9.1", "Fundación", "2023-06-30")))
    out = StringIO()
    reference = world.own.project.reference_number
    call_command("import_workbook", str(path), project=reference, stdout=out)
    assert "deliverables: 1 to create" in out.getvalue()
    assert Deliverable.objects.get(code="D9.1").title == "Fundación"
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_workbook", str(path), stdout=out)
    assert "no project row" in out.getvalue()


def test_the_page_previews_and_confirms_a_csv_file(client, world, tmp_path):
    path = write(tmp_path / "d.csv", deliverables(world, ("D9.1", "Ş ė ł", "2023-06-30")), ";")
    client.force_login(world.users["coordinator"])
    url = f"/projects/{world.own.project.pk}/import/"
    upload = SimpleUploadedFile("deliverables.csv", path.read_bytes(), content_type="text/csv")
    preview = client.post(url, {"workbook": upload})
    assert preview.status_code == 200
    assert "1 to create" in preview.content.decode()
    assert not Deliverable.objects.filter(code="D9.1").exists()
    key = preview.context["confirm_form"].initial["key"]
    assert client.post(url, {"key": key}).status_code == 302
    assert Deliverable.objects.get(code="D9.1").title == "Ş ė ł"


def test_a_field_larger_than_the_csv_readers_limit_is_refused_with_a_message(world, tmp_path):
    # Python's csv module stops at 128 KiB in one field; the file itself is within the limit.
    lines = [["name", "country"], ["A" * 200_000, "IT"]]
    path = write(tmp_path / "x.csv", lines)
    with pytest.raises(ValidationError, match="Row 2 of this CSV file"):
        import_workbook(path=path, dry_run=True)


def test_a_column_named_twice_is_refused(world, tmp_path):
    # Otherwise the second column's values would silently replace the first's.
    path = write(tmp_path / "x.csv", [["name", "country", "name"], ["A", "IT", "B"]])
    with pytest.raises(ValidationError, match="name"):
        import_workbook(path=path, dry_run=True)


def test_a_sheet_with_a_column_named_twice_is_refused_too(world, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "organisations"
    sheet.append(["name", "country", "name"])
    sheet.append(["A", "IT", "B"])
    workbook.save(tmp_path / "x.xlsx")
    with pytest.raises(ValidationError, match="named twice"):
        import_workbook(path=tmp_path / "x.xlsx", dry_run=True)


def test_a_kind_cell_takes_the_label_the_pages_show_and_names_the_values_it_takes(world, tmp_path):
    lines = deliverables(world, ("D9.1", "Fine", "2023-06-30"), ("D9.2", "Odd", "2023-06-30"))
    lines[1][2], lines[2][2] = "Programme de formation", "Formation maison"
    path = write(tmp_path / "deliverables.csv", lines)
    reference = world.own.project.reference_number
    report = import_workbook(path=path, reference=reference, dry_run=True, language="fr")
    [(row, column, message)] = report.sheets["deliverables"].refused
    assert (row, column) == (3, "kind")
    assert message.startswith("«\u00a0Formation maison\u00a0» n’est pas une valeur acceptée")
    assert "guide, training, tool" in message
    lines[2][2] = "Training programme"
    path = write(tmp_path / "deliverables.csv", lines)
    import_workbook(path=path, reference=reference, dry_run=False, language="fr")
    assert set(
        Deliverable.objects.filter(code__startswith="D9.").values_list("kind", flat=True)
    ) == {"training"}


def test_a_sheet_without_a_relations_column_keeps_what_is_stored(world, tmp_path):
    # A table of a few columns (a deliverables CSV without contributors or work package, a
    # meetings CSV without participants, partnerships without contacts) updates what it holds
    # and leaves the rest as stored, rather than emptying it.
    own = world.own
    deliverable = own.rows["deliverables"]
    deliverable.work_package = own.rows["work-packages"]
    deliverable.save()
    deliverable.contributors.add(own.coordinator_org)
    meeting = own.rows["meetings"]
    meeting.participants.add(*own.people)
    lead = organisation_key(deliverable.lead_organisation)
    files = {
        "deliverables.csv": [
            ["code", "title", "kind", "lead_organisation", "due_date"],
            ["D1", "Renamed", deliverable.kind, lead, deliverable.due_date.isoformat()],
        ],
        "meetings.csv": [
            ["start_date", "title", "kind", "end_date", "city"],
            [meeting.start_date.isoformat(), meeting.title, meeting.kind,
             meeting.end_date.isoformat(), "Lyon"],
        ],
        "partnerships.csv": [
            ["organisation", "role"],
            [organisation_key(own.partner_org), "partner"],
        ],
    }  # fmt: skip
    for name, lines in files.items():
        path = write(tmp_path / name, lines)
        report = import_workbook(path=path, reference=own.project.reference_number, dry_run=False)
        assert not report.refused, (name, dict(report.sheets))
    deliverable.refresh_from_db()
    assert deliverable.title == "Renamed"
    assert deliverable.work_package == own.rows["work-packages"]
    assert list(deliverable.contributors.all()) == [own.coordinator_org]
    meeting.refresh_from_db()
    assert meeting.city == "Lyon"
    assert set(meeting.participants.all()) == set(own.people)
    assert list(own.rows["partnerships"].contacts.all()) == [own.people[-1]]


def test_a_row_that_ends_early_has_its_last_cells_empty(world, tmp_path):
    meeting = world.own.rows["meetings"]
    meeting.participants.add(*world.own.people)
    header = ["start_date", "title", "kind", "end_date", "participants"]
    # No trailing comma: the row ends before its empty participants cell.
    days = [meeting.start_date.isoformat(), meeting.end_date.isoformat()]
    line = [days[0], meeting.title, meeting.kind, days[1]]
    path = write(tmp_path / "meetings.csv", [header, line])
    report = import_workbook(path=path, reference=world.own.project.reference_number, dry_run=False)
    assert not report.refused, dict(report.sheets)
    assert not meeting.participants.exists()


def test_a_sheet_taken_again_row_by_row_names_each_refusal_once(world, tmp_path):
    lines = [
        ["organisation", "role"],
        ["Nowhere (FR)", "partner"],  # refused while checked
        [organisation_key(world.spare_organisation), "coordinator"],  # refused by the database
    ]
    path = write(tmp_path / "partnerships.csv", lines)
    report = import_workbook(path=path, reference=world.own.project.reference_number, dry_run=True)
    rows = [row for row, _column, _message in report.sheets["partnerships"].refused]
    assert sorted(rows) == [2, 3]
