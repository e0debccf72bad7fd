"""The meeting page's evidence for each role: the sheet's link, the scans, the online sign-in's
link and QR code, opened and closed by who runs the project."""

import pytest

from meetings.models import OnlineSignIn
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
