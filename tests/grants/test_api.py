from datetime import date

from rest_framework.test import APIClient

from grants.services import save_lump_sum_budget
from tests.factories import DeliverableFactory


def test_the_api_gives_each_package_and_partner_with_money_to_the_cent(plan, officer, settings):
    settings.DEMO_TODAY = date(2023, 6, 1)
    save_lump_sum_budget(
        user=officer,
        project_id=plan.project.pk,
        amounts=plan.split(50000, 100000, 100000),
        management_work_package_id=plan.management.pk,
    )
    DeliverableFactory(project=plan.project, work_package=plan.research, code="D2.1",
                       due_date=date(2023, 5, 30), lead_organisation=plan.partner)  # fmt: skip
    client = APIClient()
    client.force_login(officer)
    body = client.get(f"/api/projects/{plan.project.pk}/budget/").json()
    assert body["funding_model"] == "lump_sum"
    assert (body["planned"], body["earned"], body["at_risk"]) == (
        "250000.00", "0.00", "100000.00",
    )  # fmt: skip
    research = body["lines"][1]
    assert research["key"] == "WP2" and research["reasons"] == ["D2.1 is 2 days late"]
    assert research["partners"][0] == {
        "organisation": plan.coordinator.pk, "name": "COORD",
        "planned": "50000.00", "earned": "0.00", "at_risk": "50000.00",
    }  # fmt: skip
    assert body["lines"][0]["is_management"] is True


def test_a_project_without_a_budget_says_so(plan, officer):
    client = APIClient()
    client.force_login(officer)
    body = client.get(f"/api/projects/{plan.project.pk}/budget/").json()
    assert body["funding_model"] is None and body["lines"] == [] and body["planned"] == "0.00"
