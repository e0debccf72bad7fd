"""Each refusal of a budget, in words that say what to change; what holds is kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from grants.models import AllowedLumpSum, Budget, FundingModel, HeadingAmount, LumpSumShare
from grants.services import (
    amount_of,
    replacement_warning,
    save_headings_budget,
    save_lump_sum_budget,
    split_basis,
)
from projects.models import Partnership, Project
from projects.setup import save_partnership
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    WorkPackageFactory,
    paid_by_headings,
)


def save(plan, officer, amounts, management="default", **options):
    management = plan.management.pk if management == "default" else management
    return save_lump_sum_budget(
        user=officer,
        project_id=plan.project.pk,
        amounts=amounts,
        management_work_package_id=management,
        **options,
    )


def refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def test_a_split_that_holds_is_kept(plan, officer):
    budget = save(plan, officer, plan.split(50000, 100000, 100000))
    assert budget.funding_model == FundingModel.LUMP_SUM
    assert budget.management_work_package == plan.management
    assert LumpSumShare.objects.filter(budget=budget).count() == 6
    assert sum(s.amount for s in budget.lump_sum_shares.all()) == Decimal("250000.00")


def test_saving_again_replaces_the_split(plan, officer):
    save(plan, officer, plan.split(50000, 100000, 100000))
    save(plan, officer, plan.split(40000, 110000, 100000))
    assert LumpSumShare.objects.count() == 6
    assert Budget.objects.get().lump_sum_shares.filter(work_package=plan.management).count() == 2


def test_a_split_that_does_not_add_up_to_the_grant_is_refused(plan, officer):
    # 120,000 is an allowed sum of the call, but not this project's grant.
    message = refusal(lambda: save(plan, officer, plan.split(20000, 50000, 50000)))
    assert "€120,000.00" in message and "€250,000.00" in message
    assert "€130,000.00 to move" in message
    assert not Budget.objects.exists()


def test_a_total_the_call_does_not_allow_is_refused(plan, officer):
    Project.objects.filter(pk=plan.project.pk).update(eu_grant=None)
    message = refusal(lambda: save(plan, officer, plan.split(50000, 100000, 100001)))
    assert "KA220-VET lump sum of the 2022 call" in message
    assert "€120,000.00, €250,000.00, €400,000.00" in message


def test_the_allowed_sums_are_data_the_officers_keep(plan, officer):
    AllowedLumpSum.objects.filter(call_year=2022, action="KA220-VET").delete()
    message = refusal(lambda: save(plan, officer, plan.split(50000, 100000, 100000)))
    assert "No lump sums are recorded for KA220-VET calls of 2022" in message
    AllowedLumpSum.objects.create(call_year=2022, action="KA220-VET", amount=250000)
    save(plan, officer, plan.split(50000, 100000, 100000))


def test_project_management_above_a_fifth_is_refused(plan, officer):
    message = refusal(lambda: save(plan, officer, plan.split(50001, 99999, 100000)))
    assert "Project management (WP1) takes €50,001.00" in message
    assert "20 % of the grant (€50,000.00)" in message
    assert "move €1.00" in message


def test_the_management_package_must_be_named(plan, officer):
    message = refusal(lambda: save(plan, officer, plan.split(50000, 100000, 100000), None))
    assert "Mark the work package of project management" in message


def test_amounts_go_to_the_projects_own_packages_and_partners(plan, officer):
    stranger = OrganisationFactory()
    amounts = plan.split(50000, 100000, 100000) | {(plan.research.pk, stranger.pk): 0}
    assert "partners only" in refusal(lambda: save(plan, officer, amounts))
    elsewhere = WorkPackageFactory()
    amounts = plan.split(50000, 100000, 100000) | {(elsewhere.pk, plan.partner.pk): 0}
    assert "own work packages only" in refusal(lambda: save(plan, officer, amounts))


@pytest.mark.parametrize(
    ("typed", "words"),
    [("-5", "cannot be negative"), ("12.345", "two decimals"), ("douze", "Type an amount")],
)
def test_a_mistyped_amount_says_what_to_type(typed, words):
    with pytest.raises(ValidationError, match=words):
        amount_of(typed)


def test_amounts_are_read_with_a_comma_or_spaces():
    assert amount_of("12 500,50") == Decimal("12500.50")
    assert amount_of("") == Decimal("0")


def test_partners_may_not_change_the_budget(plan):
    partner = UserFactory()
    with pytest.raises(PermissionDenied):
        save(plan, partner, plan.split(50000, 100000, 100000))


def test_the_database_refuses_a_negative_amount(plan, officer):
    budget = save(plan, officer, plan.split(50000, 100000, 100000))
    with pytest.raises(IntegrityError), transaction.atomic():
        LumpSumShare.objects.filter(budget=budget).update(amount=-1)


def test_budget_headings_add_up_to_the_grant(plan, officer):
    paid_by_headings(plan.project)
    amounts = {
        ("management", plan.coordinator.pk): Decimal("50000"),
        ("outputs", plan.partner.pk): Decimal("150000"),
        ("meetings", plan.partner.pk): Decimal("40000"),
    }
    message = refusal(
        lambda: save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    )
    assert "€240,000.00" in message and "€10,000.00 to move" in message
    amounts[("multiplier", plan.coordinator.pk)] = Decimal("10000")
    budget = save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    assert budget.funding_model == FundingModel.HEADINGS
    assert HeadingAmount.objects.filter(budget=budget).count() == 4


def test_a_change_of_model_is_refused_unless_the_replacement_is_confirmed(plan, officer):
    save(plan, officer, plan.split(50000, 100000, 100000))
    paid_by_headings(plan.project)  # e.g. a reference number typed wrong, then corrected
    amounts = {("management", plan.coordinator.pk): Decimal("250000")}
    message = refusal(
        lambda: save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    )
    assert "Replace the lump-sum split of 3 work packages by budget headings" in message
    assert LumpSumShare.objects.count() == 6, "nothing stored is lost"
    assert replacement_warning(plan.project, FundingModel.HEADINGS).startswith("Replace the")
    assert replacement_warning(plan.project, FundingModel.LUMP_SUM) == ""
    save_headings_budget(
        user=officer, project_id=plan.project.pk, amounts=amounts, replace_other_model=True
    )
    assert not LumpSumShare.objects.exists()
    assert HeadingAmount.objects.count() == 1


def test_a_split_by_headings_is_not_replaced_by_a_lump_sum_unconfirmed(plan, officer):
    paid_by_headings(plan.project)
    amounts = {("management", plan.coordinator.pk): Decimal("250000")}
    save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    split = plan.split(50000, 100000, 100000)
    message = refusal(lambda: save(plan, officer, split, illustrative=True))
    assert "Replace the amounts of 1 budget heading by a lump-sum split" in message
    assert HeadingAmount.objects.count() == 1
    save(plan, officer, split, illustrative=True, replace_other_model=True)
    assert not HeadingAmount.objects.exists()


def test_a_2014_2020_project_has_no_lump_sum_of_its_own(plan, officer):
    Project.objects.filter(pk=plan.project.pk).update(
        action="KA202", reference_number="2018-1-FR01-KA202-047999", eu_grant=None
    )
    message = refusal(lambda: save(plan, officer, plan.split(50000, 100000, 100000)))
    assert "A KA202 project of the 2018 call is paid by budget headings" in message
    budget = save(plan, officer, plan.split(50000, 100000, 100000), illustrative=True)
    assert budget.illustrative


def test_an_illustrative_split_names_no_call_that_is_not_the_projects(plan, officer):
    assert AllowedLumpSum.objects.filter(call_year=2025, action="KA220-VET").exists()
    Project.objects.filter(pk=plan.project.pk).update(
        action="KA202", reference_number="2018-1-FR01-KA202-047999", eu_grant=None
    )
    message = refusal(
        lambda: save(plan, officer, plan.split(50000, 100001, 100000), illustrative=True)
    )
    assert "2025" not in message
    assert "A KA202 project of the 2018 call is paid by budget headings" in message
    assert "compared to the lump sums of the KA220-VET calls" in message


def test_the_split_basis_says_what_a_split_is_checked_against(plan):
    text = split_basis(plan.project, FundingModel.LUMP_SUM, illustrative=False)
    assert "EU grant, €250,000.00" in text and "KA220-VET 2022 call" in text
    Project.objects.filter(pk=plan.project.pk).update(eu_grant=None)
    plan.project.refresh_from_db()
    text = split_basis(plan.project, FundingModel.LUMP_SUM, illustrative=False)
    assert "the EU grant is not recorded yet" in text


def test_an_associated_partner_holds_no_money(plan, officer):
    associated = OrganisationFactory(name="Associated Chamber")
    plan.project.partnerships.create(organisation=associated, role=Partnership.Role.ASSOCIATED)
    amounts = plan.split(50000, 100000, 99000)
    amounts[(plan.training.pk, associated.pk)] = Decimal("1000")
    message = refusal(lambda: save(plan, officer, amounts))
    assert "Associated Chamber: an associated partner receives no part of the grant" in message
    assert not Budget.objects.exists()
    amounts[(plan.training.pk, associated.pk)] = Decimal("0")
    amounts[(plan.training.pk, plan.partner.pk)] += Decimal("1000")
    save(plan, officer, amounts)  # a zero for it is no money


@pytest.mark.parametrize(
    "typed",
    ["1e9", "1E5", "12,500", "12.500", "1.234,56", "1,234.56", "NaN", "Infinity", "0x10", "٣"],
)
def test_an_amount_that_reads_two_ways_is_refused(typed):
    # "12,500" is twelve thousand five hundred in English, twelve and a half in French: neither
    # reading is taken silently, nor an exponent, nor another script's digits.
    with pytest.raises(ValidationError):
        amount_of(typed)


def test_amounts_are_read_with_thin_and_no_break_spaces():
    assert amount_of("12\u202f500,50") == Decimal("12500.50")
    assert amount_of("12\u00a0500.5") == Decimal("12500.50")


def test_a_lump_sum_project_cannot_escape_its_rules_by_budget_headings(plan, officer):
    # A KA220 project is paid by lump sum: by headings, all of it could go to management.
    amounts = {("management", plan.coordinator.pk): Decimal("250000")}
    message = refusal(
        lambda: save_headings_budget(user=officer, project_id=plan.project.pk, amounts=amounts)
    )
    assert "lump sum" in message
    assert not Budget.objects.exists()


def test_an_amount_of_thirty_digits_is_refused_as_too_large():
    with pytest.raises(ValidationError, match="too large"):
        amount_of("9" * 32)
    with pytest.raises(ValidationError, match="too large"):
        amount_of(Decimal("1E+40"))


def test_a_work_package_with_a_share_of_the_lump_sum_is_not_removed(plan, officer):
    # Removing it would drop its shares (the split no longer adding up to the grant) or, for
    # the management package, leave the budget with no 20 % ceiling to check.
    from deliverables.work_plan import remove_work_package

    save(plan, officer, plan.split(50000, 100000, 100000))
    for package in (plan.management, plan.training):
        message = refusal(
            lambda package=package: remove_work_package(work_package=package, by=officer)
        )
        assert package.code in message and "budget" in message
    assert sum(s.amount for s in LumpSumShare.objects.all()) == Decimal("250000.00")
    assert Budget.objects.get().management_work_package == plan.management


def test_a_partner_with_a_share_of_the_budget_is_not_taken_out_of_the_project(plan, officer):
    from projects.models import Partnership
    from projects.services import remove_partnership

    save(plan, officer, plan.split(50000, 100000, 100000))
    partnership = Partnership.objects.get(project=plan.project, organisation=plan.partner)
    message = refusal(lambda: remove_partnership(partnership=partnership, removed_by=officer))
    assert "budget" in message
    assert Partnership.objects.filter(pk=partnership.pk).exists()


def test_a_paid_partner_does_not_turn_associated_on_any_path(plan, officer):
    save(plan, officer, plan.split(50000, 100000, 100000))
    partnership = plan.project.partnerships.get(organisation=plan.partner)
    partnership.role = Partnership.Role.ASSOCIATED
    with pytest.raises(ValidationError) as refused:
        save_partnership(partnership=partnership, contacts=[], saved_by=officer)
    assert "holds a share of the budget" in " ".join(refused.value.messages)
    # Past the services (a raw update), the database refuses it itself.
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.filter(pk=partnership.pk).update(role=Partnership.Role.ASSOCIATED)
    assert Partnership.objects.get(pk=partnership.pk).role == Partnership.Role.PARTNER


def test_the_database_refuses_money_for_an_associated_partner(plan, officer):
    budget = save(plan, officer, plan.split(50000, 100000, 100000))
    associated = OrganisationFactory()
    plan.project.partnerships.create(organisation=associated, role=Partnership.Role.ASSOCIATED)
    with pytest.raises(IntegrityError), transaction.atomic():
        LumpSumShare.objects.create(
            budget=budget, work_package=plan.research, organisation=associated, amount=1
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        HeadingAmount.objects.create(
            budget=budget, heading="outputs", organisation=associated, amount=1
        )
