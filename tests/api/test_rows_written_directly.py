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
