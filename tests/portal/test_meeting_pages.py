"""The meeting pages, for every role, every bad input, and their query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from meetings.models import ActionItem, Guest, Meeting, Participation
from partners.models import Person
from projects.models import Partnership
from tests.factories import MeetingFactory, PartnershipFactory, PersonFactory, UserFactory
from tests.world import contact

pytestmark = pytest.mark.django_db

ROLES = ["officer", "coordinator", "other-coordinator", "partner", "other-partner", "anonymous"]
# What each role gets on a page that changes a meeting, and on the page that shows it.
MAY_CHANGE = {
    "officer": 200, "coordinator": 200, "other-coordinator": 404, "partner": 403,
    "other-partner": 404, "anonymous": 302,
}  # fmt: skip
MAY_READ = {**MAY_CHANGE, "partner": 200}
PARTICIPANT_REFUSAL = "Participants of a project's meeting work for one of its partners"
OWNER_REFUSAL = "The owner must work for a partner of the meeting's project."


@pytest.fixture
def meeting(world):
    return world.own.rows["meetings"]


@pytest.fixture
def as_role(client, world):
    """A client signed in as the role; another project's partner is made on demand."""

    def sign_in(role: str):
        if role == "anonymous":
            return client
        if role == "other-coordinator":
            user = world.other.people[0].user
        elif role == "other-partner":
            partnership = PartnershipFactory(project=world.other.project)
            user = contact(partnership.organisation, partnership, "other-partner").user
        else:
            user = world.users[role]
        client.force_login(user)
        return client

    return sign_in


def valid_meeting(world, **changes) -> dict:
    data = {
        "kind": "transnational",
        "title": "Second coordination meeting",
        "start_date": "2023-10-25",
        "end_date": "2023-10-26",
        "city": "Torino",
        "country": "IT",
        "host_organisation": str(world.own.partner_org.pk),
        "agenda": "1. Welcome\n2. Vademecum",
        "participants": [str(world.own.people[1].pk)],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["new", "detail", "edit"])
def test_every_role_gets_what_it_may_on_every_page(as_role, world, meeting, role, page):
    url = {
        "new": f"/projects/{world.own.project.pk}/meetings/new/",
        "detail": f"/meetings/{meeting.pk}/",
        "edit": f"/meetings/{meeting.pk}/edit/",
    }[page]
    response = as_role(role).get(url)
    expected = MAY_READ[role] if page == "detail" else MAY_CHANGE[role]
    assert response.status_code == expected
    if page == "detail" and expected == 200:
        may_change = role in ("officer", "coordinator")
        assert (f"/meetings/{meeting.pk}/edit/" in response.content.decode()) is may_change


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["guests", "attendance", "action-items"])
def test_every_role_gets_what_it_may_on_every_form(as_role, world, meeting, role, action):
    response = as_role(role).post(f"/meetings/{meeting.pk}/{action}/", {})
    # An empty attendance is a valid one (nobody came); the other forms need their fields.
    allowed = 302 if action == "attendance" else 400
    expected = {200: allowed, 403: 403, 404: 404, 302: 302}[MAY_CHANGE[role]]
    assert response.status_code == expected
    assert not Guest.objects.exists()


def test_a_foreign_project_answers_404_on_its_meetings(as_role, world):
    foreign = world.other.rows["meetings"]
    client = as_role("coordinator")
    for url in [
        f"/projects/{world.other.project.pk}/meetings/new/",
        f"/meetings/{foreign.pk}/",
        f"/meetings/{foreign.pk}/edit/",
        f"/meetings/{foreign.pk}.ics",
    ]:
        assert client.get(url).status_code == 404, url


def test_the_coordinator_plans_a_meeting(as_role, world):
    response = as_role("coordinator").post(
        f"/projects/{world.own.project.pk}/meetings/new/", valid_meeting(world)
    )
    meeting = Meeting.objects.get(title="Second coordination meeting")
    assert response.status_code == 302
    assert response.url == f"/meetings/{meeting.pk}/"
    assert meeting.project == world.own.project
    assert meeting.agenda.startswith("1. Welcome")
    assert list(meeting.participants.all()) == [world.own.people[1]]


def test_a_month_to_be_confirmed_is_kept_as_its_first_day_and_shown_as_a_month(as_role, world):
    client = as_role("coordinator")
    client.post(
        f"/projects/{world.own.project.pk}/meetings/new/",
        valid_meeting(world, start_date="2023-11-17", end_date="", month_only="on"),
    )
    meeting = Meeting.objects.get(title="Second coordination meeting")
    assert (meeting.start_date, meeting.end_date) == (date(2023, 11, 1), date(2023, 11, 1))
    assert not meeting.dates_confirmed
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "November 2023 (dates to be confirmed)" in page
    ics = client.get(f"/meetings/{meeting.pk}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20231101" in ics
    assert "DTEND;VALUE=DATE:20231201" in ics


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"end_date": "2023-10-24"},
            "end_date",
            "The end date must be on or after the start date.",
        ),
        (
            {"start_date": "2021-06-01", "end_date": "2021-06-02"},
            "start_date",
            "within the project",
        ),
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 301}, "title", "at most 300 characters"),
        ({"start_date": "25/10/2023"}, "start_date", "Enter a valid date."),
        ({"kind": "governance"}, "kind", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_beside_its_field(as_role, world, changes, field, words):
    response = as_role("coordinator").post(
        f"/projects/{world.own.project.pk}/meetings/new/", valid_meeting(world, **changes)
    )
    assert response.status_code == 400
    assert any(words in error for error in response.context["form"].errors.get(field, []))
    assert "Second coordination meeting" in response.content.decode() or field == "title"
    assert (
        not Meeting.objects.filter(project=world.own.project)
        .exclude(pk=world.own.rows["meetings"].pk)
        .exists()
    )


def test_a_host_from_outside_the_project_is_refused(as_role, world):
    response = as_role("officer").post(
        f"/projects/{world.own.project.pk}/meetings/new/",
        valid_meeting(world, host_organisation=str(world.spare_organisation.pk)),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["host_organisation"] == [
        "The host must be a partner of the project."
    ]


def test_a_host_the_coordinator_may_not_see_answers_as_an_unknown_one(as_role, world):
    client = as_role("coordinator")
    url = f"/projects/{world.own.project.pk}/meetings/new/"
    unknown = world.spare_organisation.pk + 1000
    answers = []
    for host in (world.spare_organisation.pk, unknown):
        response = client.post(url, valid_meeting(world, host_organisation=str(host)))
        assert response.status_code == 400
        assert world.spare_organisation.name not in response.content.decode()
        answers.append(response.context["form"].errors["host_organisation"])
    assert answers[0] == answers[1] and "Select a valid choice" in answers[0][0]


def test_a_host_from_outside_the_project_is_refused_when_a_meeting_changes(as_role, world, meeting):
    response = as_role("officer").post(
        f"/meetings/{meeting.pk}/edit/",
        valid_meeting(world, host_organisation=str(world.spare_organisation.pk)),
    )
    assert response.status_code == 400
    assert "The host must be a partner of the project." in str(response.context["form"].errors)
    meeting.refresh_from_db()
    assert meeting.host_organisation_id is None


def test_a_participant_from_outside_the_project_is_refused_as_the_api_refuses(
    as_role, world, client
):
    outsider = world.other.people[0]
    response = as_role("officer").post(
        f"/projects/{world.own.project.pk}/meetings/new/",
        valid_meeting(world, participants=[str(outsider.pk)]),
    )
    assert response.status_code == 400
    page_error = response.context["form"].errors["participants"][0]
    assert page_error.startswith(PARTICIPANT_REFUSAL)
    api = client.post(
        "/api/meetings/",
        {
            "project": world.own.project.pk,
            "kind": "transnational",
            "title": "API",
            "start_date": "2023-10-25",
            "end_date": "2023-10-26",
            "participants": [outsider.pk],
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert api.json()["participants"] == [page_error]
    assert Meeting.objects.count() == 2


def test_the_coordinator_changes_a_meeting_and_its_calendar_file_follows(as_role, world, meeting):
    client = as_role("coordinator")
    before = client.get(f"/meetings/{meeting.pk}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20230314" in before
    response = client.post(
        f"/meetings/{meeting.pk}/edit/",
        valid_meeting(world, start_date="2023-03-21", end_date="2023-03-22", minutes="Agreed."),
    )
    assert response.status_code == 302
    after = client.get(f"/meetings/{meeting.pk}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20230321" in after
    assert "DTEND;VALUE=DATE:20230323" in after
    meeting.refresh_from_db()
    assert meeting.minutes == "Agreed."


def test_a_meeting_moved_on_its_page_is_told_as_a_move(as_role, world, meeting):
    """The form writes the new dates on the meeting it hands the service: the dates before
    are read from the database, as the API and the admin have them."""
    from activity.models import Event

    response = as_role("coordinator").post(
        f"/meetings/{meeting.pk}/edit/",
        valid_meeting(world, title=meeting.title, start_date="2023-03-21", end_date="2023-03-22"),
    )

    assert response.status_code == 302
    moved = Event.objects.get(verb=Event.Verb.MEETING_MOVED)
    assert moved.details == {
        "from": ["2023-03-14", "2023-03-15"],
        "to": ["2023-03-21", "2023-03-22"],
    }
    assert moved.notifications.exists()


def test_an_officer_saves_a_network_meeting_with_the_kinds_it_allows(as_role):
    """A network meeting (no project) may be governance but no project kind; the form offers
    what the model allows, so the page saves it as it is."""
    network = MeetingFactory(
        project=None, kind="governance", title="General assembly",
        start_date=date(2024, 3, 1), end_date=date(2024, 3, 1),
    )  # fmt: skip
    client = as_role("officer")
    form = client.get(f"/meetings/{network.pk}/edit/").content.decode()
    assert 'value="governance"' in form and 'value="kick_off"' not in form

    data = {"kind": "governance", "title": "General assembly, Lisbon",
            "start_date": "2024-03-01", "end_date": "2024-03-01"}  # fmt: skip
    response = client.post(f"/meetings/{network.pk}/edit/", data)

    assert response.status_code == 302
    network.refresh_from_db()
    assert network.title == "General assembly, Lisbon"


def test_a_projects_meeting_is_offered_no_governance_kind(as_role, meeting):
    form = as_role("coordinator").get(f"/meetings/{meeting.pk}/edit/").content.decode()
    assert 'value="transnational"' in form and 'value="governance"' not in form


def test_guests_and_attendance(as_role, world, meeting, settings):
    settings.DEMO_TODAY = date(2023, 3, 14)
    client = as_role("coordinator")
    partner = world.own.people[1]
    Participation.objects.create(meeting=meeting, person=partner)
    response = client.post(
        f"/meetings/{meeting.pk}/guests/",
        {
            "name": "Ana Pérez",
            "organisation_name": "SEPIE",
            "country": "ES",
            "type": "stakeholder",
            "email": "",
        },
    )
    assert response.status_code == 302
    guest = Guest.objects.get()
    assert not hasattr(guest, "user") and not Person.objects.filter(last_name="Pérez").exists()
    response = client.post(
        f"/meetings/{meeting.pk}/attendance/", {"people": [partner.pk], "guests": [guest.pk]}
    )
    assert response.status_code == 302
    assert Participation.objects.get(meeting=meeting, person=partner).attended
    guest.refresh_from_db()
    assert guest.attended
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Ana Pérez" in page and "attended" in page


def test_attendance_waits_for_the_meeting(as_role, world, meeting, settings):
    settings.DEMO_TODAY = date(2023, 3, 1)
    Participation.objects.create(meeting=meeting, person=world.own.people[1])
    response = as_role("coordinator").post(
        f"/meetings/{meeting.pk}/attendance/", {"people": [world.own.people[1].pk]}
    )
    assert response.status_code == 400
    assert "once the meeting has begun" in response.content.decode()
    assert not Participation.objects.filter(attended=True).exists()


def test_a_guest_needs_a_name_and_a_country(as_role, meeting):
    response = as_role("coordinator").post(
        f"/meetings/{meeting.pk}/guests/", {"name": "", "organisation_name": "X", "country": "ZZ"}
    )
    assert response.status_code == 400
    form = response.context["guest_form"]
    assert "name" in form.errors and "country" in form.errors
    assert not Guest.objects.exists()


def action(world, **changes):
    data = {
        "description": "Translate the vademecum",
        "owner": str(world.own.people[1].pk),
        "due_date": "2023-05-31",
        "status": "open",
    }
    return {**data, **changes}


def test_an_action_item_is_added_in_place_with_htmx(as_role, world, meeting):
    response = as_role("coordinator").post(
        f"/meetings/{meeting.pk}/action-items/", action(world), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Translate the vademecum" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert ActionItem.objects.filter(description="Translate the vademecum").exists()


def test_an_action_item_is_added_with_the_plain_form(as_role, world, meeting):
    response = as_role("coordinator").post(f"/meetings/{meeting.pk}/action-items/", action(world))
    assert response.status_code == 302


@pytest.mark.parametrize("htmx", [False, True])
def test_an_owner_from_outside_the_project_is_refused(as_role, world, meeting, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    outsider = world.other.people[0]
    response = as_role("officer").post(
        f"/meetings/{meeting.pk}/action-items/",
        action(world, owner=str(outsider.pk)),
        headers=headers,
    )
    assert response.status_code == 400
    assert escape(OWNER_REFUSAL) in response.content.decode()
    assert 'value="Translate the vademecum"' in response.content.decode()
    assert not ActionItem.objects.filter(description="Translate the vademecum").exists()


def test_the_owner_sees_the_action_item_in_my_work_linked_to_the_meeting(as_role, world, meeting):
    as_role("coordinator").post(f"/meetings/{meeting.pk}/action-items/", action(world))
    page = as_role("partner").get("/my-work/").content.decode()
    assert "Translate the vademecum" in page
    assert f"/meetings/{meeting.pk}/" in page


def test_the_project_page_offers_to_plan_a_meeting_to_whoever_runs_it(as_role, world, meeting):
    url = f"/projects/{world.own.project.pk}/"
    new = f"/projects/{world.own.project.pk}/meetings/new/"
    assert new in as_role("coordinator").get(url).content.decode()
    page = as_role("partner").get(url).content.decode()
    assert new not in page
    assert f"/meetings/{meeting.pk}/" in page


def grow(world, meeting, size: int) -> None:
    project = world.own.project
    for n in range(size):
        partnership = PartnershipFactory(project=project, role=Partnership.Role.PARTNER)
        person = PersonFactory(organisation=partnership.organisation, user=UserFactory())
        partnership.contacts.add(person)
        Participation.objects.create(meeting=meeting, person=person, attended=True)
        Guest.objects.create(
            meeting=meeting, name=f"Guest {n}", organisation_name="X", country="FR"
        )
        ActionItem.objects.create(
            meeting=meeting, description=f"Item {n}", owner=person, due_date=date(2023, 5, n + 1)
        )


@pytest.mark.parametrize("page", ["", "edit/"])
def test_the_query_count_does_not_grow_with_the_rows(as_role, world, meeting, page, settings):
    settings.DEMO_TODAY = date(2023, 4, 1)  # after the meeting: attendance is shown
    client = as_role("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/meetings/{meeting.pk}/{page}").status_code == 200
        return len(queries)

    grow(world, meeting, 1)
    small = count()
    grow(world, meeting, 12)
    assert count() == small
