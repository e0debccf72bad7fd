"""What a list no longer does on every request: build a filter form nobody asked for, or work
its serializer's fields out of the model again. Each keeps the answer it gave."""

import pytest
from rest_framework import serializers

from common.serializers import FieldsMadeOnceMixin
from config.urls import router
from deliverables.filters import DeliverableFilter

pytestmark = pytest.mark.django_db


def test_a_list_without_filters_builds_no_filter_form(api, world, officer, monkeypatch):
    made = []
    original = DeliverableFilter.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(DeliverableFilter, "__init__", counted)
    everything = api(officer).get("/api/deliverables/?page_size=1000").json()
    assert made == []
    project = world.own.rows["deliverables"].project_id
    filtered = api(officer).get(f"/api/deliverables/?page_size=1000&project={project}").json()
    assert len(made) == 1
    assert {row["project"] for row in filtered["results"]} == {project}
    assert filtered["count"] < everything["count"]


def test_a_bad_filter_is_still_refused(api, officer):
    response = api(officer).get("/api/deliverables/?due_before=soon")
    assert response.status_code == 400
    assert "due_before" in response.json()


MODEL_SERIALIZERS = sorted(
    {
        viewset.serializer_class
        for _, viewset, _ in router.registry
        if issubclass(viewset.serializer_class or object, FieldsMadeOnceMixin)
    },
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("serializer_class", MODEL_SERIALIZERS, ids=lambda c: c.__name__)
def test_fields_made_once_are_the_fields_drf_makes(serializer_class):
    first, second = serializer_class(), serializer_class()
    made = serializers.ModelSerializer.get_fields(serializer_class())
    for serializer in (first, second):
        assert list(serializer.fields) == list(made)
        for name, field in serializer.fields.items():
            # The same field, made from the same arguments, bound to this serializer alone.
            assert repr(field) == repr(made[name])
            assert field.parent is serializer
    assert not set(map(id, first.fields.values())) & set(map(id, second.fields.values()))


def test_a_copied_field_holds_a_child_of_its_own():
    """Copies are shallow (common.serializers.fresh_copy): a many-relation's child must not be
    shared, or scoping one request's choices would scope every later request's."""
    from meetings.serializers import MeetingSerializer
    from partners.models import Person

    first, second = MeetingSerializer(), MeetingSerializer()
    mine, theirs = first.fields["participants"], second.fields["participants"]
    assert mine.child_relation is not theirs.child_relation
    assert mine.child_relation.parent is mine
    mine.child_relation.queryset = Person.objects.none()
    assert theirs.child_relation.queryset.model is Person
    assert theirs.child_relation.queryset.query.is_empty() is False
    assert MeetingSerializer().fields["participants"].child_relation.queryset is not (
        mine.child_relation.queryset
    )
