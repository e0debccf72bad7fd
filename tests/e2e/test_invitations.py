"""An officer adds a contact and invites them; the contact chooses a password from the mail."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partners.models import Organisation, Person

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e

PASSWORD = "Marseille-coordination-2018"


@pytest.fixture
def mailed_at_once(monkeypatch):
    """The live server's queued invitation is mailed at once, as a worker would."""
    from tasks.accounts import send_invitation_mail

    monkeypatch.setattr(
        send_invitation_mail, "apply_async", lambda args, **_: send_invitation_mail.run(*args)
    )


def test_an_invited_contact_sets_a_password_and_arrives_at_my_work(
    browser, live_server, demo, mailed_at_once, page, screenshot
):
    paris = Organisation.objects.get(name="Cité des métiers de Paris")
    sign_in(page, "officer")
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("First name").fill("Élodie")
    page.get_by_label("Last name").fill("Garnier")
    page.get_by_label("E-mail address").fill("elodie.garnier@example.org")
    page.get_by_label("Organisation").select_option(str(paris.pk))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Élodie Garnier", level=1)).to_be_visible()
    expect(page.locator("#login-state")).to_contain_text("No login")

    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_role("status")).to_contain_text("elodie.garnier@example.org")
    expect(page.locator("#login-state")).to_contain_text("Invited on")
    screenshot(page, "invited")

    [message] = [m for m in mail.outbox if m.to == ["elodie.garnier@example.org"]]
    link = re.search(r"https?://\S+(/invitation/\S+/)", message.body)[1]

    # The contact, on their phone, in their own browser.
    contact = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, locale="en-GB"
    )
    phone = contact.new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert phone.evaluate(OFF_SCREEN, PHONE["width"]) == []
    phone.get_by_label(re.compile(r"^New password:?$")).fill(PASSWORD)
    phone.get_by_label("New password confirmation").fill(PASSWORD)
    phone.get_by_role("button", name="Save my password and sign in").click()
    expect(phone.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(phone.get_by_role("status")).to_contain_text("Your password is saved.")
    screenshot(phone, "my-work")

    # The link was for once; the officer sees the login active.
    phone.goto(link)
    expect(phone.get_by_role("alert").first).to_contain_text("does not work")
    contact.close()
    page.reload()
    expect(page.locator("#login-state")).to_contain_text("Active")
    assert Person.objects.get(email="elodie.garnier@example.org").user.check_password(PASSWORD)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_people_pages_fit_a_phone(browser, live_server, demo, screenshot, language):
    person = Person.objects.get(user__username="partner")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, "officer", language)
    for url in ["/people/", "/people/new/", f"/people/{person.pk}/", f"/people/{person.pk}/edit/"]:
        page.goto(url)
        assert page.evaluate(OFF_SCREEN, PHONE["width"]) == [], f"{url} in {language}"
    page.goto("/people/")
    screenshot(page, f"people-{language}")
    context.close()
