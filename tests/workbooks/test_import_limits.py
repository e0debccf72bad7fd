"""Workbooks an import will not read: too many rows, a zip bomb, a password, an old .xls."""

import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from workbooks.importing import import_workbook
from workbooks.template import write_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


def test_a_sheet_longer_than_the_limit_is_refused(template, settings):
    settings.IMPORT_MAX_ROWS = 3
    workbook = load_workbook(template)
    sheet = workbook["objectives"]
    for number in range(2, 5):
        sheet.append([number, f"Objective {number}", "", "not_started"])
    workbook.save(template)
    with pytest.raises(ValidationError, match="“objectives” has more than 3 rows"):
        import_workbook(path=template, dry_run=True)
    settings.IMPORT_MAX_ROWS = 4
    assert not import_workbook(path=template, dry_run=True).refused


def test_a_workbook_that_unpacks_beyond_the_bound_is_refused(template, tmp_path, settings):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(bomb, "w") as target:
        for member in source.infolist():
            target.writestr(member, source.read(member), zipfile.ZIP_DEFLATED)
        target.writestr("xl/padding.bin", b"\0" * 30 * 2**20, zipfile.ZIP_DEFLATED)
    assert bomb.stat().st_size < 2**20  # small on disk, 30 MB unpacked
    settings.IMPORT_MAX_UNPACKED_BYTES = 20 * 2**20
    with pytest.raises(ValidationError, match="unpacks to 30 MB, more than the 20 MB"):
        import_workbook(path=bomb, dry_run=True)


def ole_file(path, *streams: bytes):
    """The start of an OLE compound file, as Office writes an encrypted workbook or a .xls."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + b"".join(streams))
    return path


def test_a_workbook_under_a_password_is_refused_with_how_to_remove_it(tmp_path):
    path = ole_file(tmp_path / "locked.xlsx", "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ValidationError, match="protected by a password: open it, remove"):
        import_workbook(path=path, dry_run=True)


def test_an_old_xls_workbook_is_refused_with_what_to_do(tmp_path):
    path = ole_file(tmp_path / "old.xls", "Workbook".encode("utf-16-le"))
    with pytest.raises(ValidationError, match=r"save it as an Excel workbook \(.xlsx\)"):
        import_workbook(path=path, dry_run=True)


def test_an_uploaded_file_object_is_read_from_its_start(template):
    with open(template, "rb") as uploaded:
        uploaded.read(10)
        assert not import_workbook(path=uploaded, dry_run=True).refused


def rewritten(template, tmp_path, change):
    """The template with its parts passed through change(name, content) -> content or None."""
    path = tmp_path / "changed.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            content = change(member.filename, source.read(member))
            if content is not None:
                target.writestr(member, content, zipfile.ZIP_DEFLATED)
    return path


def test_a_workbook_of_millions_of_tiny_texts_is_refused_before_they_are_read(
    template, tmp_path, settings
):
    path = rewritten(template, tmp_path, lambda name, content: content)
    texts = b"<sst>" + b"<si><t>x</t></si>" * 200_000 + b"</sst>"
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", texts, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 100_000  # 3.4 MB of text in a few kilobytes
    settings.IMPORT_MAX_TEXT_BYTES = 2**20
    with pytest.raises(ValidationError, match=r"holds 3\.\d MB of text, more than the 1 MB"):
        import_workbook(path=path, dry_run=True)


def test_a_sheet_cut_short_is_refused_as_damaged(template, tmp_path):
    def cut(name, content):
        return content[: len(content) // 2] if name.startswith("xl/worksheets/") else content

    with pytest.raises(ValidationError, match="damaged"):
        import_workbook(path=rewritten(template, tmp_path, cut), dry_run=True)


def test_a_workbook_without_rows_is_refused_rather_than_previewed_empty(template, tmp_path):
    def drop_sheets(name, content):
        return None if name.startswith("xl/worksheets/") else content

    with pytest.raises(ValidationError, match=r"damaged|holds no rows"):
        import_workbook(path=rewritten(template, tmp_path, drop_sheets), dry_run=True)


def test_a_missing_file_is_refused_with_the_reason(tmp_path):
    with pytest.raises(ValidationError, match="cannot be read: No such file"):
        import_workbook(path=tmp_path / "nowhere.xlsx", dry_run=True)
