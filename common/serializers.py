"""Serializer pieces every API resource shares: strict input and the model's own rules."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


class StrictInputMixin:
    """Refuse fields the resource does not have, so a typo or a crafted name is reported.

    Read-only fields sent back (id, created_at, …) are ignored, so what a GET returned can be
    sent again; they are never written.
    """

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field; see the schema at /api/docs/."] for name in unknown}
                )
        return super().to_internal_value(data)


class ModelRulesMixin:
    """Run the model's own validation (clean(), constraints), so the API refuses what the admin
    refuses, with the same messages, before anything is written."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        model_fields = {f.name: f for f in model._meta.get_fields() if f.concrete}
        for name, value in attrs.items():
            field = model_fields.get(name)
            if field is not None and not field.many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        return attrs


class FixedAfterCreationMixin:
    """Fields that say where a row belongs (its project, its meeting) never change afterwards:
    moving work between projects would carry it out of the sight of the people who own it."""

    fixed_after_creation: tuple[str, ...] = ()

    def validate(self, attrs):
        if self.instance is not None:
            for name in self.fixed_after_creation:
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    noun = self.Meta.model._meta.verbose_name
                    raise serializers.ValidationError(
                        {name: f"A {noun} cannot move; create a new one where it belongs."}
                    )
        return super().validate(attrs)


class StrictModelSerializer(
    StrictInputMixin, FixedAfterCreationMixin, ModelRulesMixin, serializers.ModelSerializer
):
    pass
