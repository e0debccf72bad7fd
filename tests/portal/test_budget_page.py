"""The budget page: read by the project's readers, kept by its coordinator and the officers,
each refusal beside what to change."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from common.labels import list_text, month_text
from grants.models import Budget, HeadingAmount, LumpSumShare
from projects.models import Partnership, Project
from tests.factories import paid_by_headings

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(world):
    project = world.own.project
    Project.objects.filter(pk=project.pk).update(eu_grant=Decimal("250000"))
    return project


def cell(package, organisation) -> str:
    return f"amount-{package.pk}-{organisation.pk}"


def lump_sum_post(world, own, management="50000", other="200000", **extra):
    package = world.own.rows["work-packages"]
    second = own.work_packages.create(
        code="WP2", title="Research", lead_organisation=world.own.coordinator_org, position=1
    )
    return {
        "funding_model": "lump_sum",
        "management": str(package.pk),
        cell(package, world.own.coordinator_org): management,
        cell(second, world.own.partner_org): other,
        **extra,
    }


def test_a_partner_reads_the_budget_without_a_form(signed_in, own):
    page = signed_in("partner").get(f"/projects/{own.pk}/budget/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Budget of OWN" in html and 'name="amount-' not in html
    assert "you are reading it" in html


def test_another_projects_budget_is_not_found(signed_in, world):
    page = signed_in("partner").get(f"/projects/{world.other.project.pk}/budget/")
    assert page.status_code == 404


def test_a_partner_may_not_save(signed_in, world, own):
    response = signed_in("partner").post(f"/projects/{own.pk}/budget/", lump_sum_post(world, own))
    assert response.status_code == 403
    assert not Budget.objects.exists()


def test_the_coordinator_saves_a_split_that_holds(signed_in, world, own):
    client = signed_in("coordinator")
    response = client.post(f"/projects/{own.pk}/budget/", lump_sum_post(world, own))
    assert response.status_code == 302
    assert LumpSumShare.objects.count() == 2
    page = client.get(f"/projects/{own.pk}/budget/").content.decode()
    assert "The budget is saved." in page
    # The world's meeting was held with neither agenda nor attendance: management is at risk.
    assert "Earned €0.00, at risk €50,000.00, of €250,000.00" in page
    assert "no agenda, no attendance recorded" in page


def test_a_mistyped_amount_is_refused_beside_its_cell(signed_in, world, own):
    response = signed_in("coordinator").post(
        f"/projects/{own.pk}/budget/", lump_sum_post(world, own, management="-3")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "An amount cannot be negative." in html and 'aria-invalid="true"' in html
    assert 'value="-3"' in html, "what was typed stays to be corrected"


def test_a_split_that_breaks_the_rules_says_which_and_keeps_nothing(signed_in, world, own):
    response = signed_in("officer").post(
        f"/projects/{own.pk}/budget/", lump_sum_post(world, own, management="60000", other="190000")
    )
    assert response.status_code == 400
    assert "Project management (WP1) takes €60,000.00" in response.content.decode()
    assert not Budget.objects.exists()


def test_the_project_page_and_the_dashboard_show_the_budget_bar(signed_in, world, own):
    signed_in("officer").post(f"/projects/{own.pk}/budget/", lump_sum_post(world, own))
    page = signed_in("officer").get(f"/projects/{own.pk}/").content.decode()
    assert 'class="earned"' in page and "of €250,000.00" in page
    dashboard = signed_in("officer").get("/dashboard/").content.decode()
    assert dashboard.count('class="money-at-risk"') == 1
    assert Partnership.objects.filter(project=own).count() == 2


@pytest.mark.parametrize("management", ["²", "١", "1e3", "-1", "99999999999999999999999"])
def test_an_odd_management_package_is_refused_not_a_server_error(signed_in, world, own, management):
    posted = lump_sum_post(world, own)
    posted["management"] = management
    response = signed_in("coordinator").post(f"/projects/{own.pk}/budget/", posted)
    assert response.status_code == 400
    assert "work package of project management" in response.content.decode()
    assert not Budget.objects.exists()


def test_a_lump_sum_project_is_not_saved_by_headings_from_the_page(signed_in, world, own):
    response = signed_in("coordinator").post(
        f"/projects/{own.pk}/budget/",
        {
            "funding_model": "headings",
            f"amount-management-{world.own.coordinator_org.pk}": "250000",
        },
    )
    assert response.status_code == 400
    assert "paid by a lump sum" in response.content.decode()
    assert not Budget.objects.exists()


@pytest.mark.parametrize("typed", ["1e5", "50,000", "NaN", "Infinity"])
def test_an_amount_that_reads_two_ways_is_refused_beside_its_cell(signed_in, world, own, typed):
    response = signed_in("coordinator").post(
        f"/projects/{own.pk}/budget/", lump_sum_post(world, own, management=typed)
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Budget.objects.exists()


def test_a_save_over_someone_elses_newer_save_is_refused_once(signed_in, world, own):
    # Two people open the page; the second to save would silently replace the first's split.
    coordinator, officer = signed_in("coordinator"), signed_in("officer")
    url = f"/projects/{own.pk}/budget/"
    seen = coordinator.get(url).context["seen"]
    assert officer.get(url).context["seen"] == seen
    early = lump_sum_post(world, own)
    first = officer.post(url, early | {"seen": seen})
    assert first.status_code == 302
    late = {**early, "seen": seen}
    late.update({name: {"50000": "40000", "200000": "210000"}.get(value, value)
                 for name, value in early.items() if name.startswith("amount-")})  # fmt: skip
    refused = coordinator.post(url, late)
    assert refused.status_code == 400
    assert "saved this budget while you were editing it" in refused.content.decode()
    assert LumpSumShare.objects.filter(amount=Decimal("50000")).exists()
    # Told, and shown the page again, the second may keep theirs.
    again = coordinator.post(url, late | {"seen": refused.context["seen"]})
    assert again.status_code == 302
    assert LumpSumShare.objects.filter(amount=Decimal("40000")).exists()


def headings_post(world, amount="250000", **extra):
    return {
        "funding_model": "headings",
        f"amount-management-{world.own.coordinator_org.pk}": amount,
        **extra,
    }


def test_switching_model_warns_and_keeps_the_split_unless_confirmed(signed_in, world, own):
    client = signed_in("coordinator")
    url = f"/projects/{own.pk}/budget/"
    client.post(url, lump_sum_post(world, own))
    paid_by_headings(own)
    page = client.get(url + "?model=headings").content.decode()
    assert "saving these amounts deletes it" in page
    assert 'name="replace_other_model"' in page
    assert "Replace the lump-sum split of 2 work packages by budget headings" in page
    seen = client.get(url).context["seen"]
    refused = client.post(url, headings_post(world, seen=seen))
    assert refused.status_code == 400
    assert "tick" in refused.content.decode()
    assert LumpSumShare.objects.count() == 2, "nothing stored is lost"
    saved = client.post(url, headings_post(world, seen=seen, replace_other_model="1"))
    assert saved.status_code == 302
    assert not LumpSumShare.objects.exists()
    assert HeadingAmount.objects.count() == 1
    # In its own model, nothing to replace and nothing asked.
    assert 'name="replace_other_model"' not in client.get(url).content.decode()


def test_a_refused_save_shows_the_stored_amounts_with_the_readers_beside(signed_in, world, own):
    coordinator, officer = signed_in("coordinator"), signed_in("officer")
    url = f"/projects/{own.pk}/budget/"
    seen = coordinator.get(url).context["seen"]
    officer.post(url, lump_sum_post(world, own) | {"seen": seen})
    package, second = own.work_packages.order_by("position")
    mine = {
        "funding_model": "lump_sum",
        "management": str(package.pk),
        cell(package, world.own.coordinator_org): "40000",
        cell(second, world.own.partner_org): "210000",
    }
    refused = coordinator.post(url, mine | {"seen": seen})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'value="50000.00"' in html and 'value="200000.00"' in html, "the stored amounts"
    assert "you typed 40000" in html and "you typed 210000" in html
    # Saving the form as shown keeps the other person's split: nothing is undone unseen.
    shown = {k: v for k, v in mine.items() if not k.startswith("amount-")}
    for cell_row in refused.context["rows"]:
        for cell_ in cell_row.cells:
            shown[cell_.name] = cell_.value
    again = coordinator.post(url, shown | {"seen": refused.context["seen"]})
    assert again.status_code == 302
    assert LumpSumShare.objects.filter(amount=Decimal("50000")).exists()


def test_the_table_has_a_grand_total_and_a_total_column_in_sight(signed_in, world, own):
    client = signed_in("coordinator")
    client.post(f"/projects/{own.pk}/budget/", lump_sum_post(world, own))
    html = client.get(f"/projects/{own.pk}/budget/").content.decode()
    assert "<tfoot>" in html and "<strong>€250,000.00</strong>" in html
    # The column's heading, a total per work package, and the grand total.
    assert html.count('class="sticky-total"') == own.work_packages.count() + 2


def test_inputs_write_amounts_as_the_hint_does_in_the_readers_language(signed_in, world, own):
    client = signed_in("coordinator")
    posted = lump_sum_post(world, own)
    client.post(f"/projects/{own.pk}/budget/", posted)
    client.cookies["django_language"] = "fr"
    html = client.get(f"/projects/{own.pk}/budget/").content.decode()
    assert 'value="50000,00"' in html
    package = world.own.rows["work-packages"]
    posted[cell(package, world.own.coordinator_org)] = "1e3"
    refused = client.post(f"/projects/{own.pk}/budget/", posted)
    assert "par exemple 12500,00" in refused.content.decode()


def test_the_project_page_names_the_line_and_lists_the_reasons(signed_in, world, own):
    signed_in("officer").post(
        f"/projects/{own.pk}/budget/", lump_sum_post(world, own, illustrative="1")
    )
    package = world.own.rows["work-packages"]
    page = signed_in("officer").get(f"/projects/{own.pk}/").content.decode()
    assert f"{package.code} {package.title}: €50,000.00 at risk" in page
    legend = re.search(r"at risk \((.*?)\)</p>", page).group(1)
    assert legend.endswith("no attendance recorded, no signed list of participants"), legend
    assert 'class="message info"' in page and "Illustrative" in page
    assert 'class="swatch not-due"' in page
    dashboard = signed_in("officer").get("/dashboard/").content.decode()
    assert "Illustrative budget, not the grant agreement" in dashboard


def test_the_budget_page_says_what_the_split_is_checked_against(signed_in, own):
    Project.objects.filter(pk=own.pk).update(eu_grant=None)
    html = signed_in("coordinator").get(f"/projects/{own.pk}/budget/").content.decode()
    assert "the EU grant is not recorded yet, so the total is not checked against it" in html


def test_reasons_and_months_are_written_as_the_language_writes_them():
    with translation.override("fr"):
        assert list_text(["WP1 en retard", "pas d’ordre du jour"]) == (
            "WP1 en retard et pas d’ordre du jour"
        )
        assert month_text(date(2018, 2, 1)) == "févr. 2018"
        assert month_text(date(2018, 8, 1)) == "août 2018"
    with translation.override("en"):
        assert list_text(["a", "b", "c"]) == "a, b, and c"


def test_the_dashboard_abbreviates_months_as_french_does(signed_in, own):
    Project.objects.filter(pk=own.pk).update(start_date=date(2022, 2, 1))
    client = signed_in("officer")
    client.cookies["django_language"] = "fr"
    html = client.get("/dashboard/").content.decode()
    assert "févr. 2022" in html and "Fév " not in html
