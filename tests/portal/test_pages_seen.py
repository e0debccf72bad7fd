"""Pages a user saw broken: each test holds what they expected to see."""

import re
from datetime import date

import pytest

from projects.models import Objective
from tests.factories import DeliverableFactory, PersonFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/dashboard/"}


def section(page: str, start: str, end: str) -> str:
    first = page.index(start)
    return page[first : page.index(end, first)]


def test_the_newsletter_dates_are_filled_in_french_too(signed_in, world):
    client = signed_in("officer")
    client.post("/i18n/setlang/", {"language": "fr", "next": "/dashboard/"})
    page = client.get("/dashboard/").content.decode()
    assert '<html lang="fr">' in page
    # A date input shows nothing unless its value is ISO, whatever the language.
    for name in ("first", "last"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)[0]
        assert 'type="date"' in field
        assert date.fromisoformat(re.search(r'value="([^"]*)"', field)[1])


def test_at_risk_objectives_have_their_own_colour_and_share_of_the_bar(signed_in, world):
    objective = world.own.rows["objectives"]
    Objective.objects.filter(pk=objective.pk).update(status=Objective.Status.AT_RISK)
    page = signed_in("officer").get(f"/projects/{world.own.project.pk}/").content.decode()
    assert '<span class="status at_risk">At risk</span>' in page
    assert '<span class="at_risk" style="width: 100.0%">' in page
    assert "1 at risk, of 1" in page


def test_an_in_place_status_change_updates_the_progress_bars(signed_in, world):
    objective = world.own.rows["objectives"]
    response = signed_in("officer").post(
        f"/objectives/{objective.pk}/status/", {"status": "achieved"}, headers=HTMX
    )
    fragment = response.content.decode()
    bars = section(fragment, f'id="progress-{objective.project_id}"', "</div>\n</div>")
    assert 'hx-swap-oob="true"' in bars
    assert "Objectives: 1 achieved" in bars


def test_the_late_list_puts_the_latest_first_and_links_each_item(signed_in, world):
    deliverable = world.own.rows["deliverables"]  # due 30 June 2023
    item = world.own.rows["action-items"]  # due 30 April 2023: later still
    page = signed_in("officer").get("/dashboard/").content.decode()
    late = section(page, 'id="late-heading"', 'id="history-heading"')
    assert late.index(item.description) < late.index(deliverable.title)
    project_page = f"/projects/{world.own.project.pk}/"
    assert f'href="{project_page}#action-item-{item.pk}"' in late
    assert f'href="{project_page}#deliverable-{deliverable.pk}"' in late
    assert f'href="/deliverables/{deliverable.pk}/"' in late  # and its own page
    target = signed_in("officer").get(project_page).content.decode()
    assert f'id="action-item-{item.pk}"' in target
    assert f'id="deliverable-{deliverable.pk}"' in target


def test_people_appear_by_name_not_by_login(signed_in, world):
    officer = world.users["officer"]
    PersonFactory(user=officer, first_name="Camille", last_name="Dubois")
    project = world.own.project
    project.officer = officer
    project.save()
    client = signed_in("officer")
    client.post(f"/objectives/{world.own.rows['objectives'].pk}/status/", {"status": "achieved"})
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert page.count("Camille Dubois") >= 3  # header, project officer, history
    assert ", officer<" not in page and ">officer<" not in page


def test_an_officers_my_work_lists_what_their_organisation_leads(signed_in, world):
    officer = world.users["officer"]
    PersonFactory(user=officer, organisation=world.own.coordinator_org)
    led = DeliverableFactory(
        project=world.own.project, code="D5", lead_organisation=world.own.coordinator_org
    )
    page = signed_in("officer").get("/my-work/").content.decode()
    assert "lead or contribute to no deliverable" not in page
    assert f'id="deliverable-{led.pk}"' in page
    assert f"/deliverables/{led.pk}/submit/" in page
    # Another organisation's work is not theirs to hand in from here.
    assert f'id="deliverable-{world.own.rows["deliverables"].pk}"' not in page


def test_the_demo_clock_is_shown_on_every_page_and_counts_the_days(signed_in, world, settings):
    settings.DEMO_TODAY = date(2023, 6, 20)
    client = signed_in("partner")
    for url in ["/my-work/", "/projects/", f"/projects/{world.own.project.pk}/"]:
        assert "the tracker runs on 20 June 2023" in client.get(url).content.decode()
    assert "in 10 days" in client.get("/my-work/").content.decode()
    settings.DEMO_TODAY = None
    assert "the tracker runs on" not in client.get("/my-work/").content.decode()


def test_the_admin_shows_the_demo_clock_too(signed_in, world, settings):
    settings.DEMO_TODAY = date(2023, 6, 20)
    page = signed_in("officer").get("/admin/").content.decode()
    assert "the tracker runs on 20 June 2023" in page
