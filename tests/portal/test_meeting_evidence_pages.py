"""The meeting page's evidence for each role: the sheet's link, the scans, the online sign-in's
link and QR code, opened and closed by who runs the project."""

from xml.etree import ElementTree

import pytest

from meetings.models import Guest, OnlineSignIn, Participation
from tests.factories import PartnershipFactory
from tests.world import contact

pytestmark = pytest.mark.django_db

# What each role gets when it opens or closes the sign-in, or asks for its QR code.
MAY_RUN = {"officer": 302, "coordinator": 302, "partner": 403, "other": 404, "anonymous": 302}


@pytest.fixture
def meeting(world):
    return world.own.rows["meetings"]


@pytest.fixture
def as_role(client, world):
    def sign_in(role):
        if role == "anonymous":
            client.logout()
        elif role == "other":
            client.force_login(world.other.people[0].user)
        else:
            client.force_login(world.users[role])
        return client

    return sign_in


@pytest.mark.parametrize("role", MAY_RUN)
def test_opening_and_closing_the_sign_in(as_role, meeting, role):
    client = as_role(role)
    opened = client.post(f"/meetings/{meeting.pk}/sign-in/open/", {"language": "it"})
    assert opened.status_code == MAY_RUN[role]
    if MAY_RUN[role] == 302 and role != "anonymous":
        sign_in = OnlineSignIn.objects.get(meeting=meeting)
        assert sign_in.is_open and sign_in.language == "it"
        token = sign_in.token
        page = client.get(f"/meetings/{meeting.pk}/").content.decode()
        assert f"/attend/{token}/" in page and "<svg" in page
        qr = client.get(f"/meetings/{meeting.pk}/sign-in/qr.svg")
        assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
        assert client.post(f"/meetings/{meeting.pk}/sign-in/close/").status_code == 302
        sign_in.refresh_from_db()
        assert not sign_in.is_open
        # Reopened, the link printed on posters still works.
        client.post(f"/meetings/{meeting.pk}/sign-in/open/", {"language": "it"})
        assert OnlineSignIn.objects.get(meeting=meeting).token == token
    else:
        assert not OnlineSignIn.objects.exists()


def test_an_unknown_language_is_refused_beside_its_field(as_role, meeting):
    response = as_role("coordinator").post(
        f"/meetings/{meeting.pk}/sign-in/open/", {"language": "xx"}
    )
    assert response.status_code == 400
    assert not OnlineSignIn.objects.exists()


def test_a_partner_sees_the_sheet_but_not_the_link(as_role, meeting):
    OnlineSignIn.objects.create(meeting=meeting)
    page = as_role("partner").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "attendance-sheet.pdf" in page
    assert "/attend/" not in page and "Upload the signed sheet" not in page


def test_a_participant_from_outside_the_project_sees_no_evidence(client, meeting, world):
    # Someone of another project's partner, invited through the network: they read the
    # meeting (if shown to them) but never its evidence.
    partnership = PartnershipFactory(project=world.other.project)
    outsider = contact(partnership.organisation, partnership, "outsider")
    client.force_login(outsider.user)
    assert client.get(f"/meetings/{meeting.pk}/attendance-sheet.pdf").status_code == 404


def test_the_qr_code_without_an_open_sign_in_is_404(as_role, meeting):
    assert as_role("coordinator").get(f"/meetings/{meeting.pk}/sign-in/qr.svg").status_code == 404


def test_the_qr_code_downloads_as_a_standalone_svg(as_role, meeting):
    OnlineSignIn.objects.create(meeting=meeting)
    response = as_role("coordinator").get(f"/meetings/{meeting.pk}/sign-in/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("attachment;")
    svg = response.content.decode()
    assert svg.startswith("<?xml")
    # The namespace is what makes a viewer draw it rather than show its XML.
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_a_partner_reads_counts_of_outside_people_without_a_contradiction(as_role, meeting):
    Guest.objects.bulk_create(
        Guest(meeting=meeting, name=f"Outside {n}", organisation_name="NGO", country="IT",
              attended=True, signed_in_online=True)
        for n in range(4)
    )  # fmt: skip
    page = as_role("partner").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Outside 0" not in page
    assert "No participant yet." not in page
    assert "4 on the list, 4 attended." in page
    assert "Outside participants are counted here, not named" in page


def test_no_empty_guests_box_when_there_are_no_guests(as_role, meeting, world):
    Participation.objects.create(meeting=meeting, person=world.own.people[1])
    page = as_role("coordinator").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Participants who attended" in page
    assert "Guests who attended" not in page
