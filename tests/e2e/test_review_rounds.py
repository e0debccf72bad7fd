"""The review story: a partner submits, the coordinator requests changes, the partner reads them
on My work and submits again, the coordinator approves; every round stays on the page."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from deliverables.models import Deliverable, Review

from .conftest import sign_in
from .test_pages import OFF_SCREEN, PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def mails_at_once(monkeypatch):
    """The review's mails sent in the server's thread as a worker would send them."""
    from tasks.reviews import send_changes_requested_mail, send_handed_in_mail

    for task in (send_changes_requested_mail, send_handed_in_mail):
        monkeypatch.setattr(task, "apply_async", lambda args, task=task, **_: task.run(*args))


def signed_in_page(browser, live_server, username: str, **options):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, username)
    return page


def test_a_deliverable_goes_back_and_forth_until_approved(
    browser, live_server, demo, mails_at_once, screenshot
):
    target = (
        Deliverable.objects.filter(
            lead_organisation__short_name="SDC",
            project__acronym="DIMESCA",
            status__in=Deliverable.PLANNED_STATUSES,
        )
        .order_by("due_date")
        .first()
    )
    partner = signed_in_page(browser, live_server, "partner")
    partner.locator(f"#deliverable-{target.pk}").get_by_role("link", name="Submit").click()
    partner.get_by_label("Link to the deliverable").fill("https://example.org/guide-v1.pdf")
    partner.get_by_role("button", name="Submit").click()
    expect(partner.get_by_role("status")).to_contain_text(f"{target.code} is submitted")
    # The coordinator, Julien, reads French.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["julien.lefevre@example.org"], f"DIMESCA {target.code} attend votre examen")
    ]

    coordinator = signed_in_page(browser, live_server, "coordinator")
    waiting = coordinator.locator("#awaiting-review")
    expect(waiting).to_contain_text(target.code)
    waiting.get_by_role("link", name=target.code).click()
    expect(coordinator.locator("#review-thread")).to_contain_text("guide-v1.pdf")
    coordinator.get_by_role("button", name="Request changes").click()
    # An empty comment is refused beside its field.
    expect(coordinator.locator(".field.has-error")).to_contain_text("Say what should change.")
    coordinator.get_by_label("What should change").fill("Add the partners' logos on page 2.")
    coordinator.get_by_role("button", name="Request changes").click()
    expect(coordinator.get_by_role("status")).to_contain_text("Changes requested")
    screenshot(coordinator, "changes-requested")
    asked = [m for m in mail.outbox if m.subject.startswith("Änderungen")]  # Jana reads German
    assert [m.to for m in asked] == [["jana.becker@example.org"]]
    assert "Add the partners' logos on page 2." in asked[0].body

    # Each is told in the header too, and the notice leads to the deliverable's page.
    partner.goto("/my-work/")
    badge = partner.locator("header a.notices .badge")
    unread = int(badge.inner_text().split()[0])
    partner.locator("header a.notices").click()
    partner.get_by_role("link", name=f"requested changes to {target.code}").click()
    expect(partner).to_have_url(f"{live_server.url}/deliverables/{target.pk}/")
    partner.goto("/my-work/")
    if unread == 1:
        expect(badge).to_have_count(0)
    else:
        expect(badge).to_contain_text(str(unread - 1))  # that one is read now
    row = partner.locator(f"#deliverable-{target.pk}")
    expect(row).to_contain_text("Changes requested")
    expect(row).to_contain_text("Add the partners' logos on page 2.")
    screenshot(partner, "my-work-changes")
    row.get_by_role("link", name="Submit again").click()
    partner.get_by_label("Link to the deliverable").fill("https://example.org/guide-v2.pdf")
    partner.get_by_role("button", name="Submit").click()
    expect(partner.get_by_role("status")).to_contain_text(f"{target.code} is submitted")

    coordinator.goto(f"/deliverables/{target.pk}/")
    coordinator.get_by_role("link", name=f"Approve {target.code}").click()
    coordinator.get_by_role("button", name=f"Approve {target.code}").click()
    expect(coordinator.get_by_role("status")).to_contain_text(f"{target.code} is approved")
    coordinator.goto(f"/deliverables/{target.pk}/")
    thread = coordinator.locator("#review-thread")
    for text in ("guide-v1.pdf", "Add the partners' logos", "guide-v2.pdf", "Approved"):
        expect(thread).to_contain_text(text)
    screenshot(coordinator, "approved")
    target.refresh_from_db()
    assert target.status == Deliverable.Status.APPROVED
    assert list(target.reviews.order_by("created_at").values_list("decision", flat=True)) == [
        Review.Decision.CHANGES_REQUESTED,
        Review.Decision.APPROVED,
    ]

    phone = signed_in_page(browser, live_server, "partner", viewport=PHONE, is_mobile=True)
    phone.goto(f"/deliverables/{target.pk}/")
    assert phone.evaluate(OFF_SCREEN, PHONE["width"]) == [], "the page does not fit a phone"
    screenshot(phone, "phone-deliverable")
