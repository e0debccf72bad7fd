"""A grant changed after its budget is set: kept (an amendment is the officer's to record, the
split the coordinator's to redo), never silent. Every path that changes it says the budget no
longer adds up, and every reader of the budget shows it until the budget is split again."""

from decimal import Decimal

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from common.exports import write_workbook
from grants.earning import budget_figures
from grants.services import save_lump_sum_budget, stored_budget_mismatch
from projects.models import Project
from workbooks.importing import import_workbook
from workbooks.layout import project_sheets

NEW_GRANT = Decimal("400000.00")


@pytest.fixture
def budgeted(plan, officer):
    save_lump_sum_budget(
        user=officer,
        project_id=plan.project.pk,
        amounts=plan.split(50000, 100000, 100000),
        management_work_package_id=plan.management.pk,
    )
    return plan


def mismatch_of(project) -> str:
    return budget_figures([project.pk], today=project.start_date)[project.pk].mismatch


def test_a_budget_that_adds_up_says_nothing(budgeted):
    assert stored_budget_mismatch(budgeted.project) is None
    assert mismatch_of(budgeted.project) == ""


def test_the_budget_reads_as_not_adding_up_once_the_grant_changes(budgeted, officer):
    Project.objects.filter(pk=budgeted.project.pk).update(eu_grant=NEW_GRANT)
    project = Project.objects.get(pk=budgeted.project.pk)
    mismatch = mismatch_of(project)
    assert "no longer adds up" in mismatch
    assert "250,000.00" in mismatch and "400,000.00" in mismatch and "150,000.00" in mismatch
    # Split again to the new grant (an allowed sum of the call), it adds up again.
    save_lump_sum_budget(
        user=officer,
        project_id=project.pk,
        amounts=budgeted.split(80000, 160000, 160000),
        management_work_package_id=budgeted.management.pk,
    )
    assert mismatch_of(project) == ""


def test_the_page_keeps_the_new_grant_and_sends_the_officer_to_the_budget(
    budgeted, client, officer
):
    client.force_login(officer)
    project = budgeted.project
    form = client.get(f"/projects/{project.pk}/edit/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        start_date=project.start_date.isoformat(),
        end_date=project.end_date.isoformat(),
        eu_grant="400000.00",
        officer=officer.pk,
        deadline_reminder_days=", ".join(map(str, project.deadline_reminder_days)),
        meeting_reminder_days=", ".join(map(str, project.meeting_reminder_days)),
    )
    response = client.post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == f"/projects/{project.pk}/budget/"
    project.refresh_from_db()
    assert project.eu_grant == NEW_GRANT
    page = client.get(response.url).content.decode()
    assert "no longer adds up to the EU grant" in page and "€150,000.00 to move" in page
    dashboard = client.get("/dashboard/").content.decode()
    assert "The amounts do not add up to the EU grant" in dashboard


def test_the_admin_keeps_it_and_warns(budgeted, admin_client):
    project = budgeted.project
    page = admin_client.get(f"/admin/projects/project/{project.pk}/change/")
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if name.endswith("reminder_days"):
            value = ", ".join(map(str, value))
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = value
    data["eu_grant"] = "400000.00"
    data["start_date"], data["end_date"] = project.start_date, project.end_date
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
        for inline in formset.formset.forms:
            for name, field in inline.fields.items():
                value = inline.initial.get(name, field.initial)
                if value is not None:
                    data[inline.add_prefix(name)] = getattr(value, "pk", value)
    response = admin_client.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.eu_grant == NEW_GRANT
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("no longer adds up" in message for message in said)


def test_the_api_keeps_it_and_the_budget_says_it_does_not_add_up(budgeted, officer):
    client = APIClient()
    client.force_login(officer)
    project = budgeted.project
    changed = client.patch(f"/api/projects/{project.pk}/", {"eu_grant": "400000.00"})
    assert changed.status_code == 200, changed.content
    body = client.get(f"/api/projects/{project.pk}/budget/").json()
    assert body["adds_up"] is False and "150,000.00" in body["mismatch"]
    assert body["planned"] == "250000.00"  # the amounts kept as they were


def test_the_import_keeps_it_and_its_report_says_it(budgeted, tmp_path):
    project = budgeted.project
    path = tmp_path / "project.xlsx"
    write_workbook(project_sheets(project), path)
    book = openpyxl.load_workbook(path)
    sheet = book["project"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("eu_grant") + 1, value=400000)
    book.save(path)
    preview = import_workbook(path=path, reference=project.reference_number, dry_run=True)
    assert "no longer adds up" in preview.budget_mismatch  # said before it is written
    report = import_workbook(path=path, reference=project.reference_number, dry_run=False)
    assert report.written and "no longer adds up" in report.budget_mismatch
    project.refresh_from_db()
    assert project.eu_grant == NEW_GRANT


def test_the_import_page_says_it_in_the_preview_and_once_written(
    budgeted, client, officer, tmp_path
):
    project = budgeted.project
    path = tmp_path / "project.xlsx"
    write_workbook(project_sheets(project), path)
    book = openpyxl.load_workbook(path)
    header = [cell.value for cell in book["project"][1]]
    book["project"].cell(row=2, column=header.index("eu_grant") + 1, value=400000)
    book.save(path)
    client.force_login(officer)
    url = f"/projects/{project.pk}/import/"
    upload = SimpleUploadedFile("project.xlsx", path.read_bytes())
    preview = client.post(url, {"workbook": upload})
    assert preview.status_code == 200
    assert "no longer adds up to the EU grant" in preview.content.decode()
    key = preview.context["confirm_form"].initial["key"]
    confirmed = client.post(url, {"key": key})
    assert confirmed.status_code == 302
    said = [str(message) for message in get_messages(confirmed.wsgi_request)]
    assert any("no longer adds up" in message for message in said)
