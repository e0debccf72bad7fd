"""Three people sign in to a multiplier event through its link on their phones, and the
coordinator sees them on the meeting's list as attending."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from meetings.models import Guest, Meeting, OnlineSignIn
from projects.models import Project

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e
PEOPLE = [
    ("Luca Bianchi", "Comune di Torino", "IT", "stakeholder"),
    ("Ana Pérez", "SEPIE", "ES", "staff"),
    ('Eve <img src=x onerror="alert(1)">', "Scuola <b>Torino</b>", "IT", "learner"),
]


def test_three_people_sign_in_through_the_link(browser, live_server, demo, settings, screenshot):
    dimesca = Project.objects.get(acronym="DIMESCA")
    day = dimesca.start_date + timedelta(days=200)
    settings.DEMO_TODAY = day
    event = Meeting.objects.create(
        project=dimesca, kind=Meeting.Kind.MULTIPLIER, title="Multiplier event in Torino",
        start_date=day, end_date=day, city="Torino", country="IT",
        agenda="10:00 The guide in practice",
    )  # fmt: skip
    coordinator = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = coordinator.new_page()
    sign_in(page, "coordinator")
    page.goto(f"/meetings/{event.pk}/")
    page.get_by_label("Language of the sign-in page").select_option("en")
    page.get_by_role("button", name="Open the online sign-in").click()
    expect(page.get_by_role("status")).to_contain_text("The online sign-in is open")
    link = page.locator(".sign-in-link a").inner_text()
    assert page.locator("figure.qr svg").count() == 1
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    screenshot(page, "coordinator-link")

    for name, organisation, country, kind in PEOPLE:
        phone = browser.new_context(viewport=PHONE, is_mobile=True)
        visitor = phone.new_page()
        visitor.on("dialog", lambda dialog: pytest.fail("a script ran: " + dialog.message))
        visitor.goto(link)
        assert visitor.evaluate(OFF_SCREEN, PHONE["width"]) == []
        visitor.get_by_role("textbox", name="Your name").fill(name)
        visitor.get_by_role("textbox", name="Your organisation").fill(organisation)
        visitor.get_by_label("Country of your organisation").select_option(country)
        visitor.get_by_label("You take part as").select_option(kind)
        visitor.get_by_label("I agree that my name").check()
        if name == "Ana Pérez":
            screenshot(visitor, "visitor-form")
        visitor.get_by_role("button", name="Sign in").click()
        expect(visitor.get_by_role("status")).to_contain_text("you are signed in")
        assert "Luca" not in visitor.content() or name == "Luca Bianchi"
        phone.close()

    # Luca signs in again from another phone: told he is on the list, counted once.
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    visitor = phone.new_page()
    visitor.goto(link)
    visitor.get_by_role("textbox", name="Your name").fill("luca  BIANCHI")
    visitor.get_by_role("textbox", name="Your organisation").fill("Comune di Torino")
    visitor.get_by_label("Country of your organisation").select_option("IT")
    visitor.get_by_label("I agree that my name").check()
    visitor.get_by_role("button", name="Sign in").click()
    expect(visitor.get_by_role("status")).to_contain_text("already on the list")
    phone.close()

    page.on("dialog", lambda dialog: pytest.fail("a script ran: " + dialog.message))
    page.reload()
    participants = page.locator("#participants-heading ~ ul")
    for name, *_rest in PEOPLE:
        expect(participants).to_contain_text(name)
    expect(page.locator(".counts")).to_contain_text("Eligible participants")
    expect(page.locator(".counts")).to_contain_text("3 (2 local, 1 international)")
    screenshot(page, "coordinator-list")
    assert Guest.objects.filter(meeting=event, attended=True, signed_in_online=True).count() == 3
    coordinator.close()


def test_a_long_name_wraps_on_a_phone(browser, live_server, demo, settings, screenshot):
    dimesca = Project.objects.get(acronym="DIMESCA")
    day = dimesca.start_date + timedelta(days=200)
    settings.DEMO_TODAY = day
    event = Meeting.objects.create(
        project=dimesca, kind=Meeting.Kind.MULTIPLIER, title="Multiplier event in Torino",
        start_date=day, end_date=day, city="Torino", country="IT",
    )  # fmt: skip
    Guest.objects.create(
        meeting=event, name="W" * 120, organisation_name="Réseau" * 33, country="FR",
        attended=True,
    )  # fmt: skip
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "coordinator")
    page.goto(f"/meetings/{event.pk}/")
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "long-name")
    context.close()


def test_a_partner_reads_counts_and_a_visitor_reads_that_the_event_is_over(
    browser, live_server, demo, settings, screenshot
):
    dimesca = Project.objects.get(acronym="DIMESCA")
    day = dimesca.start_date + timedelta(days=200)
    settings.DEMO_TODAY = day + timedelta(days=3)
    event = Meeting.objects.create(
        project=dimesca, kind=Meeting.Kind.MULTIPLIER, title="Multiplier event in Torino",
        start_date=day, end_date=day, city="Torino", country="IT",
    )  # fmt: skip
    for n in range(4):
        Guest.objects.create(meeting=event, name=f"Visitor {n}", organisation_name="Scuola",
                             country="IT", attended=True, signed_in_online=True)  # fmt: skip
    sign_in_page = OnlineSignIn.objects.create(meeting=event, language="fr")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "partner")
    page.goto(f"/meetings/{event.pk}/")
    expect(page.locator(".counts")).to_contain_text("4 on the list, 4 attended.")
    assert "No participant yet." not in page.content() and "Visitor 0" not in page.content()
    assert page.evaluate(OFF_SCREEN, PHONE["width"]) == []
    screenshot(page, "partner-counts")
    visitor = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    over = visitor.new_page()
    over.goto(f"/attend/{sign_in_page.token}/")
    expect(over.get_by_role("alert")).to_contain_text("Cet événement est terminé")
    screenshot(over, "event-over")
    context.close()
    visitor.close()
