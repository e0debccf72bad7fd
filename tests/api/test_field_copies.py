"""Fields are copied shallowly for each serializer (common.serializers.fresh_copy): one user's
scoped input never leaves its querysets, validators, messages or choices on another's
serializer, and the fields kept per class are never changed."""

import itertools

import pytest
from django.utils import translation
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from config.urls import router

pytestmark = pytest.mark.django_db

SCOPED = sorted(
    {viewset for _, viewset, _ in router.registry if getattr(viewset, "related_scopes", None)},
    key=lambda cls: cls.__name__,
)


def view_for(viewset, user, action="create"):
    django_request = APIRequestFactory().post("/", {}, format="json")
    django_request.user = user
    request = Request(django_request)
    request.user = user
    view = viewset(request=request, format_kwarg=None, kwargs={}, action=action)
    view.args = ()
    return view


def scoped_targets(viewset, serializer):
    for name in viewset.related_scopes:
        field = serializer.fields.get(name)
        if field is None or field.read_only:
            continue
        yield name, getattr(field, "child_relation", field)


def state(serializer):
    """Everything but querysets a field carries that a request could change in place."""
    out = {}
    for name, field in serializer.fields.items():
        for part in (field, getattr(field, "child_relation", None), getattr(field, "child", None)):
            if part is None:
                continue
            out[name, type(part).__name__] = (
                [repr(v) for v in part.validators],
                dict(part.error_messages),
                dict(part.style),
                dict(getattr(part, "choices", None) or {}) if not hasattr(part, "queryset") else {},
                part.required,
                part.allow_null,
                part.read_only,
                part.help_text,
            )
    return out


@pytest.mark.parametrize("viewset", SCOPED, ids=lambda v: v.__name__)
@pytest.mark.parametrize("order", ["partner-first", "officer-first"])
def test_a_scoped_input_leaves_nothing_for_the_next_user(world, officer, viewset, order):
    partner = world.users["partner"]
    users = [partner, officer] if order == "partner-first" else [officer, partner]
    serializer_class = view_for(viewset, officer).get_serializer_class()
    pristine_state = state(serializer_class())
    pristine_sql = {
        name: str(target.get_queryset().query)
        for name, target in scoped_targets(viewset, serializer_class())
    }
    seen = []
    for user in itertools.chain(users, users):
        view = view_for(viewset, user)
        serializer = view.get_serializer(data={})
        serializer.is_valid()  # validation runs the (scoped) fields
        for name, target in scoped_targets(viewset, serializer):
            expected = str(viewset.related_scopes[name](user).query)
            assert str(target.get_queryset().query) == expected, (user, name)
        seen.append(serializer)
        # A serializer made afterwards without input is the class's, unscoped.
        fresh = serializer_class()
        assert {
            name: str(t.get_queryset().query) for name, t in scoped_targets(viewset, fresh)
        } == pristine_sql
        assert state(fresh) == pristine_state
    for a, b in itertools.combinations(seen, 2):
        pairs = zip(scoped_targets(viewset, a), scoped_targets(viewset, b), strict=True)
        for (_, ta), (_, tb) in pairs:
            assert ta is not tb


@pytest.mark.parametrize("viewset", SCOPED, ids=lambda v: v.__name__)
def test_the_fields_kept_per_class_are_never_touched(world, officer, viewset):
    """The originals kept by FieldsMadeOnceMixin keep their __dict__ through scoped inputs,
    validations and representations."""
    serializer_class = view_for(viewset, officer).get_serializer_class()
    serializer_class().fields  # noqa: B018  made in this language
    made = serializer_class.__dict__["_fields_made"][translation.get_language()]

    def snapshot():
        out = {}
        for name, field in made.items():
            for label, part in (("", field), (".child", getattr(field, "child_relation", None))):
                if part is None:
                    continue
                out[name + label] = {k: id(v) for k, v in vars(part).items()} | {
                    "validators#": len(part.__dict__.get("_validators", ())),
                    "messages#": len(part.error_messages),
                }
        return out

    before = snapshot()
    for user in (world.users["partner"], officer, world.users["coordinator"]):
        view = view_for(viewset, user)
        serializer = view.get_serializer(data={"project": world.own.project.pk})
        serializer.is_valid()
        lister = view_for(viewset, user, action="list")
        lister.get_serializer(lister.get_queryset()[:5], many=True).data  # noqa: B018
    assert snapshot() == before


def test_a_list_of_nested_serializers_keeps_its_child_bound(world, officer):
    """A serializer held by a field (ListField(child=Serializer())) is bound to the field's
    copy, as DRF's own copy binds it: without a parent it would have no context."""
    from rest_framework import serializers

    from common.serializers import StrictModelSerializer
    from meetings.models import Meeting

    class Tag(serializers.Serializer):
        who = serializers.SerializerMethodField()

        def get_who(self, value):
            return self.context["request"].user.username

    class Tagged(StrictModelSerializer):
        tags = serializers.ListField(child=Tag(), source="tag_list", read_only=True)

        class Meta:
            model = Meeting
            fields = ["id", "tags"]

    request = APIRequestFactory().get("/")
    request.user = officer
    meeting = world.own.rows["meetings"]
    meeting.tag_list = [{}]
    drf = serializers.ModelSerializer.get_fields(Tagged())["tags"]
    assert drf.child.parent is drf  # what DRF's own copy gives
    for _ in range(2):
        field = Tagged(context={"request": request}).fields["tags"]
        assert field.child.parent is field
    assert Tagged(meeting, context={"request": request}).data["tags"] == [{"who": "officer"}]
