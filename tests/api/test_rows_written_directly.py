"""Rows written with a plan made once per serializer say exactly what DRF's own path says."""

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from common.serializers import ColumnsReadDirectlyMixin
from config.urls import router

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "resource",
    ["projects", "organisations", "people", "partnerships", "objectives", "work-packages",
     "deliverables", "meetings", "action-items"],
)  # fmt: skip
def test_every_field_as_drf_writes_it(world, resource):
    request = APIRequestFactory().get(f"/api/{resource}/")
    request.user = world.users["officer"]
    viewset = next(v for prefix, v, _ in router.registry if prefix == resource)
    serializer_class = viewset.serializer_class
    assert issubclass(serializer_class, ColumnsReadDirectlyMixin)
    row = world.own.rows[resource]
    serializer = serializer_class(context={"request": request})
    fast = serializer.to_representation(row)
    assert fast == serializers.ModelSerializer.to_representation(serializer, row)
    assert any(read for _, read, _, _ in serializer._read_plan)  # the plan was used


@pytest.mark.parametrize("country", ["IT", ""], ids=["a country", "none given"])
@pytest.mark.parametrize("deferred", [False, True], ids=["read", "deferred"])
def test_a_country_is_written_as_drf_writes_it(world, country, deferred):
    """A country is read as the code the row holds (common.serializers.stored_or_read), not
    through its descriptor; what is written is the same."""
    from meetings.models import Meeting
    from meetings.serializers import MeetingSerializer

    meeting = world.own.rows["meetings"]
    Meeting.objects.filter(pk=meeting.pk).update(country=country)
    rows = Meeting.objects.defer("country") if deferred else Meeting.objects.all()
    row = rows.get(pk=meeting.pk)
    request = APIRequestFactory().get("/api/meetings/")
    request.user = world.users["officer"]
    serializer = MeetingSerializer(context={"request": request})
    fast = serializer.to_representation(row)["country"]
    assert fast == serializers.ModelSerializer.to_representation(serializer, row)["country"]
    assert fast == country
