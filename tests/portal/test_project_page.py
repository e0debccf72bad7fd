"""The project page: each role sees its own projects only, with filters and a timeline."""

import pytest

from deliverables.models import Deliverable
from tests.factories import DeliverableFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["officer", "coordinator", "partner"])
def test_each_role_sees_its_project(signed_in, world, role):
    response = signed_in(role).get(f"/projects/{world.own.project.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    project = world.own.project
    for shown in [project.acronym, project.reference_number, "Partners by country"]:
        assert shown in page
    assert world.own.rows["objectives"].title in page
    assert world.own.rows["deliverables"].title in page
    assert world.own.rows["meetings"].title in page
    assert world.own.rows["action-items"].description in page


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_a_project_one_is_not_in_answers_404(signed_in, world, role):
    client = signed_in(role)
    assert client.get(f"/projects/{world.other.project.pk}/").status_code == 404
    assert world.other.project.acronym not in client.get("/projects/").content.decode()


def test_officers_see_every_project(signed_in, world):
    client = signed_in("officer")
    assert client.get(f"/projects/{world.other.project.pk}/").status_code == 200
    listing = client.get("/projects/").content.decode()
    assert world.own.project.acronym in listing and world.other.project.acronym in listing


def test_an_unknown_project_answers_404_with_the_sites_page(signed_in, world):
    response = signed_in("partner").get("/projects/999999/")
    assert response.status_code == 404


def test_the_deliverables_can_be_filtered(signed_in, world):
    project = world.own.project
    submitted = DeliverableFactory(
        project=project, code="D5", title="Handed in", lead_organisation=world.own.partner_org,
        status=Deliverable.Status.SUBMITTED,
    )  # fmt: skip
    client = signed_in("partner")
    page = client.get(f"/projects/{project.pk}/?status=submitted").content.decode()
    table = page[page.index('id="deliverables"') :]
    assert submitted.title in table
    assert world.own.rows["deliverables"].title not in table

    late = client.get(f"/projects/{project.pk}/?late=on").content.decode()
    table = late[late.index('id="deliverables"') :]
    assert world.own.rows["deliverables"].title in table  # planned, due in 2023
    assert submitted.title not in table


@pytest.mark.parametrize(
    "query", ["status=nonsense", "work_package=abc", "lead_organisation=99999999999999999999"]
)
def test_a_bad_filter_shows_an_error_rather_than_failing(signed_in, world, query):
    response = signed_in("partner").get(f"/projects/{world.own.project.pk}/?{query}")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_the_timeline_draws_the_period_work_packages_deliverables_and_late_marks(signed_in, world):
    page = signed_in("partner").get(f"/projects/{world.own.project.pk}/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert "Timeline of OWN" in svg
    assert world.own.rows["work-packages"].code in svg
    deliverable = world.own.rows["deliverables"]
    assert f"{deliverable.code} {deliverable.title}" in svg
    assert "(late)" in svg  # due in 2023 and still planned
    assert world.own.rows["meetings"].title in svg


def test_the_timeline_escapes_what_people_typed(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    deliverable.title = '<script>alert("x")</script>'
    deliverable.save()
    page = signed_in("partner").get(f"/projects/{world.own.project.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_coordinator_approves_a_submitted_deliverable(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    deliverable.status = Deliverable.Status.SUBMITTED
    deliverable.save()
    client = signed_in("coordinator")
    assert (
        f"/deliverables/{deliverable.pk}/approve/"
        in client.get(f"/projects/{world.own.project.pk}/").content.decode()
    )
    response = client.post(f"/deliverables/{deliverable.pk}/approve/")
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.APPROVED
    assert deliverable.approved_by == world.users["coordinator"]


def test_a_partner_may_not_approve(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    deliverable.status = Deliverable.Status.SUBMITTED
    deliverable.save()
    client = signed_in("partner")
    assert "/approve/" not in client.get(f"/projects/{world.own.project.pk}/").content.decode()
    assert client.post(f"/deliverables/{deliverable.pk}/approve/").status_code == 403
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED


def test_approving_twice_explains_rather_than_fails(signed_in, world):
    deliverable = world.own.rows["deliverables"]
    client = signed_in("coordinator")
    response = client.post(f"/deliverables/{deliverable.pk}/approve/", follow=True)
    assert response.status_code == 200
    assert "Only a submitted deliverable can be approved" in response.content.decode()


def test_the_deliverables_table_is_paged_and_keeps_its_filters(signed_in, world, monkeypatch):
    monkeypatch.setattr("portal.views.projects.DELIVERABLES_PER_PAGE", 1)
    project = world.own.project
    later = DeliverableFactory(
        project=project, code="D2", lead_organisation=world.own.partner_org,
        due_date=world.own.rows["deliverables"].due_date.replace(year=2024),
    )  # fmt: skip
    client = signed_in("partner")
    page = client.get(f"/projects/{project.pk}/?status=planned").content.decode()
    assert 'id="deliverable-{}"'.format(world.own.rows["deliverables"].pk) in page
    assert f'id="deliverable-{later.pk}"' not in page
    assert "?status=planned&amp;page=2#deliverables" in page
    page = client.get(f"/projects/{project.pk}/?status=planned&page=2").content.decode()
    assert f'id="deliverable-{later.pk}"' in page


def test_the_timeline_draws_deliverables_due_the_same_day_as_one_mark(signed_in, world):
    first = world.own.rows["deliverables"]
    for n in range(2):
        DeliverableFactory(
            project=world.own.project, code=f"D{n + 7}", work_package=first.work_package,
            lead_organisation=first.lead_organisation, due_date=first.due_date,
            status=first.status,
        )  # fmt: skip
    page = signed_in("partner").get(f"/projects/{world.own.project.pk}/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count(f"{first.code} {first.title}") == 1
    assert f"{first.code} {first.title} and 2 more deliverables:" in svg
    assert "D7 " not in svg and "D8 " not in svg


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_timeline_names_a_deliverable_as_the_table_does_after_a_bulk_write(
    signed_in, world, language, settings
):
    """A sheet's import writes titles in bulk, which leaves the column modeltranslation keeps
    behind as it was; the timeline reads the reader's version (version_expression)."""
    deliverable = world.own.rows["deliverables"]
    Deliverable.objects.filter(pk=deliverable.pk).update(title="Renamed by a sheet")
    Deliverable.objects.filter(pk=deliverable.pk).update(title_fr="Renommé par un tableur")
    client = signed_in("partner")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/projects/{world.own.project.pk}/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    title = {"en": "Renamed by a sheet", "fr": "Renommé par un tableur"}[language]
    assert f"{deliverable.code} {title}" in svg
    assert deliverable.title not in svg


def test_the_filters_choices_are_read_by_plain_queries_and_still_filter(signed_in, world):
    """portal.filters.ChoicesInOneQuery: no server-side cursor for a few dozen options."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    deliverable = world.own.rows["deliverables"]
    package, lead = world.own.rows["work-packages"], deliverable.lead_organisation
    Deliverable.objects.filter(pk=deliverable.pk).update(work_package=package)
    client = signed_in("partner")
    address = f"/projects/{world.own.project.pk}/?work_package={package.pk}"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"{address}&lead_organisation={lead.pk}").content.decode()
    assert not [q for q in queries if q["sql"].startswith("DECLARE")]
    assert f'<option value="{package.pk}" selected>{package}</option>' in page
    assert f'<option value="{lead.pk}" selected>' in page
    assert f"deliverable-{deliverable.pk}" in page
    other = client.get(f"{address}&lead_organisation=99999").content.decode()
    assert "errorlist" in other  # a lead that is not the project's is refused, as before
