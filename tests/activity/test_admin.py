"""The activity in the back office: read by officers, never written by hand."""

import pytest

from activity.models import Event
from activity.services import record

pytestmark = pytest.mark.django_db


def test_an_officer_reads_the_events_and_cannot_write_them(world, client):
    event = record(
        project=world.own.project, actor=world.users["coordinator"], verb=Event.Verb.APPROVED,
        target="D1 Guide", notify=[world.users["partner"]],
    )  # fmt: skip
    client.force_login(world.users["officer"])
    listing = client.get("/admin/activity/event/")
    assert listing.status_code == 200 and "D1 Guide" in listing.content.decode()
    assert client.get(f"/admin/activity/event/{event.pk}/change/").status_code == 200
    assert client.get("/admin/activity/event/add/").status_code == 403
    assert client.post(f"/admin/activity/event/{event.pk}/delete/").status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()
