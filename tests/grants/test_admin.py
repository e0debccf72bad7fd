"""Officers keep the programme's figures in the admin; a budget's amounts are only shown there,
since its sums are checked together on the budget page."""

from grants.models import AllowedLumpSum, Budget
from grants.services import save_lump_sum_budget


def test_the_allowed_sums_are_kept_in_the_admin(admin_client, db):
    response = admin_client.post(
        "/admin/grants/allowedlumpsum/add/",
        {"call_year": 2026, "action": "KA210", "amount": "45000.00"},
    )
    assert response.status_code == 302
    assert AllowedLumpSum.objects.filter(call_year=2026, amount=45000).exists()


def test_a_budget_is_read_not_written_in_the_admin(admin_client, plan, officer):
    budget = save_lump_sum_budget(
        user=officer,
        project_id=plan.project.pk,
        amounts=plan.split(50000, 100000, 100000),
        management_work_package_id=plan.management.pk,
    )
    page = admin_client.get(f"/admin/grants/budget/{budget.pk}/change/")
    assert page.status_code == 200 and "WP2" in page.content.decode()
    refused = admin_client.post(
        f"/admin/grants/budget/{budget.pk}/change/", {"funding_model": "headings"}
    )
    assert refused.status_code == 403
    assert Budget.objects.get().funding_model == "lump_sum"
