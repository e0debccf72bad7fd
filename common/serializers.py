"""Serializer pieces every API resource shares: strict input and the model's own rules."""

import copy
from collections import defaultdict
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.db.models import OuterRef
from django.http import QueryDict
from django.utils import translation
from django_countries.fields import CountryField as CountryModelField
from django_countries.serializer_fields import CountryField
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import ManyRelatedField, PKOnlyObject, RelatedField

from common.content_languages import ORIGINAL, translated_fields, version_name, version_reader

# What JSON must carry for each kind of field (most specific first), so that `"title": 0`
# or `"contributors": {}` is refused as the schema says, rather than turned into "0" or [].
JSON_TYPES = [
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.IntegerField, (int,), "a whole number"),
    (serializers.PrimaryKeyRelatedField, (int,), "a whole number"),
    (serializers.ManyRelatedField, (list,), "a list"),
    (serializers.ListField, (list,), "a list"),
    (serializers.ListSerializer, (list,), "a list"),
    (serializers.CharField, (str,), "text"),
    (serializers.ChoiceField, (str,), "one of the choices, as text"),
    (serializers.DateField, (str,), "a date, as text (YYYY-MM-DD)"),
    (serializers.DateTimeField, (str,), "a date and time, as text"),
    (serializers.SlugRelatedField, (str,), "text"),
]


def json_type_problem(field, value) -> str | None:
    if value is None:
        return None  # the field's own allow_null answers
    for kind, types, noun in JSON_TYPES:
        if isinstance(field, kind):
            # bool is an int in Python, not in JSON.
            fits = isinstance(value, types) and (bool in types or not isinstance(value, bool))
            return None if fits else f"Give {noun} here, as the schema says."
    return None


class StrictInputMixin:
    """Refuse fields the resource does not have, so a typo or a crafted name is reported.

    Read-only fields sent back (id, created_at, …) are ignored, so what a GET returned can be
    sent again; they are never written. A JSON value of the wrong type is refused too (forms
    and multipart bodies carry only text, which the fields convert), and so is an empty form
    value where the field takes none.
    """

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field; see the schema at /api/docs/."] for name in unknown}
                )
        if isinstance(data, QueryDict):
            wrong = {
                name: [problem]
                for name in data
                if (problem := self.form_problem(self.fields[name], data.get(name)))
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        elif isinstance(data, dict):
            wrong = {
                name: [problem]
                for name, value in data.items()
                if not self.fields[name].read_only
                and (problem := json_type_problem(self.fields[name], value))
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        return super().to_internal_value(data)

    @staticmethod
    def form_problem(field, value) -> str | None:
        if field.read_only:
            return None
        # A form sends an empty value for "nothing": refused where the field takes no blank
        # and no null, rather than read as "left out" and answered 200.
        if value == "" and not (field.allow_null or getattr(field, "allow_blank", False)):
            return "Give a value, or leave the field out."
        # Yes and no as the schema writes them, not DRF's "1", "on" or "yes".
        if isinstance(field, serializers.BooleanField) and value not in ("true", "false"):
            return "Give true or false."
        return None


class NoBody(StrictInputMixin, serializers.Serializer):
    """The body of an action that takes none: a field sent to it is refused, not ignored (a
    client sending {"dry_run": true} to publish must not have the issue published)."""


def refuse_any_body(request) -> None:
    """400, naming each field sent; no body, `{}` or an empty form is no body."""
    NoBody(data=request.data).is_valid(raise_exception=True)


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


class FieldsMadeOnceMixin:
    """A model serializer's fields worked out from the model once per class, then copied for
    each serializer, as DRF itself copies the fields a class declares.

    DRF's ModelSerializer works every field out of the model's meta again for each serializer
    made: for a meeting's 38 fields that was 1.7 ms of every request, a tenth of a page of 50.
    Nothing here depends on the request (the fields of a class are the same for every
    reader), and each serializer binds copies of its own (fresh_copy). Fields are made once
    per language: DRF writes some messages out as it makes a field (a
    unique value's "already exists"), in the language of the request that made it.
    """

    def get_fields(self):
        cls = type(self)
        if "_fields_made" not in cls.__dict__:
            cls._fields_made = {}  # the class's own: a subclass makes its own
        language = translation.get_language()
        made = cls._fields_made.get(language)
        if made is None:
            made = cls._fields_made[language] = super().get_fields()
        return {name: fresh_copy(field) for name, field in made.items()}


def fresh_copy(field, parent=None):
    """A new field in the state `field` was made in, for one serializer to bind and scope.

    DRF copies a field by making it again from its arguments (Field.__deepcopy__): 2 ms of a
    page of meetings, a country field's 250 choices alone a quarter of it. The fields kept by
    FieldsMadeOnceMixin are never bound nor used, so their state is what `__init__` left, and
    a shallow copy is that state with attributes of its own: binding sets the copy's name and
    parent, scoping replaces the copy's queryset. What `__init__` leaves is replaced, never
    changed in place (a field's validators, choices and messages are read only), except the
    fields a field holds, a many-relation's or a list's child: each gets a copy of its own,
    held by the copy. A nested serializer binds fields of its own, so it is made again as DRF
    makes it."""
    nested = isinstance(field, serializers.BaseSerializer)
    copied = copy.deepcopy(field) if nested else copy.copy(field)
    if parent is not None:
        copied.parent = parent  # as the holder's __init__ binds its child
    if nested:
        return copied
    for name, value in vars(field).items():
        if name != "parent" and isinstance(value, serializers.Field):
            setattr(copied, name, fresh_copy(value, parent=copied))
    return copied


class ColumnsReadDirectlyMixin:
    """Rows written out with a plan made once per serializer, not worked out again per row.

    DRF asks every field of every row for its attribute through a generic path (dotted
    sources, callables, defaults) and rebuilds the list of readable fields for each row: at
    500 rows that was a third of a list's time. A field that reads one plain column of the
    model reads it with attrgetter, a translated one with its languages worked out once
    (content_languages.version_reader); every other field (relations, methods, dotted
    sources) keeps DRF's own path, and so does anything that is not an instance of the model.
    """

    def to_representation(self, instance):
        if not isinstance(instance, self.Meta.model):
            return super().to_representation(instance)
        plan = self.__dict__.get("_read_plan")
        if plan is None:
            plan = self._read_plan = self._make_read_plan()
        row = {}
        for name, read, field, represent in plan:
            if read is not None:
                attribute = read(instance)
            else:
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
            value = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            row[name] = None if value is None else represent(attribute)
        return row

    def _make_read_plan(self) -> list[tuple]:
        """(name, how to read it or None for DRF's path, field, how to write it) for each
        readable field."""
        model = self.Meta.model
        columns = {f.name for f in model._meta.concrete_fields if not f.is_relation}
        foreign_keys = {
            f.name: f.attname for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one
        }
        plan = []
        for field in self._readable_fields:
            if isinstance(field, serializers.DateTimeField) and not hasattr(field, "timezone"):
                # The reader's time zone, looked up once rather than for every value.
                field.timezone = field.default_timezone()
            plain = (
                type(field).get_attribute is serializers.Field.get_attribute
                and len(field.source_attrs) == 1
                and field.source_attrs[0] in columns
            )
            read, represent = None, field.to_representation
            if plain:
                column = field.source_attrs[0]
                read = version_reader(model, column) or stored_or_read(model, column)
            elif is_plain_id(field) and field.source_attrs[0] in foreign_keys:
                # The id the row holds, as DRF's pk-only path writes it.
                read, represent = attrgetter(foreign_keys[field.source_attrs[0]]), same_value
            if isinstance(field, CountryField) and not field.country_dict:
                represent = once_per_value(represent)
            plan.append((field.field_name, read, field, represent))
        return plan


def stored_or_read(model, column: str):
    """Reads `column` of a row. A country is read as the code the row holds: its descriptor
    makes a Country object for every row, which the field writes out as that same code."""
    field = model._meta.get_field(column)
    if not isinstance(field, CountryModelField) or field.multiple:
        return attrgetter(column)

    def read(row):
        stored = row.__dict__
        return stored[column] if column in stored else getattr(row, column)  # deferred: loaded

    return read


def is_plain_id(field) -> bool:
    """A related row written as its id alone, by DRF's own pk-only path."""
    return (
        type(field).get_attribute is RelatedField.get_attribute
        and type(field).to_representation is serializers.PrimaryKeyRelatedField.to_representation
        and field.pk_field is None
        and field.use_pk_only_optimization()
        and len(field.source_attrs) == 1
    )


def same_value(value):
    return value


def once_per_value(represent):
    """`represent`, each value worked out once: a country's code was checked against the
    list of countries, looked up anew in the reader's language, for every row."""
    written = {}

    def represent_once(value):
        key = str(value)
        if key not in written:
            written[key] = represent(value)
        return written[key]

    return represent_once


class VersionsMixin:
    """Documents a translated field and its versions (title, title_en, title_fr…): the field
    reads the request's language (Accept-Language) where a version exists, and writes the
    original, which each version falls back to."""

    def get_fields(self):
        fields = super().get_fields()
        for name in translated_fields(self.Meta.model):
            if name in fields:
                fields[name].help_text = (
                    f"Read: the version in the request's language (Accept-Language), else the "
                    f"original. Written: the original ({version_name(name, ORIGINAL)})."
                )
            for language in settings.MODELTRANSLATION_LANGUAGES:
                version = fields.get(version_name(name, language))
                if version is None:
                    continue
                version.help_text = (
                    "The original, as entered; every language without a version reads it."
                    if language == ORIGINAL
                    else f"The {language} version; empty or null reads the original."
                )
        return fields


class StrictModelSerializer(
    FieldsMadeOnceMixin,
    ColumnsReadDirectlyMixin,
    StrictInputMixin,
    FixedAfterCreationMixin,
    ModelRulesMixin,
    serializers.ModelSerializer,
):
    pass


class LinkedIds(ManyRelatedField):
    """A many-to-many field given as ids. In a list (LinkedIdsListSerializer) the ids come from
    the link table alone, one query per page: prefetching the related rows joins their whole
    table (PostgreSQL hash-joined all 50,000 people for a page of 500 partnerships)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(
            child_relation=serializers.PrimaryKeyRelatedField(queryset=queryset), **kwargs
        )

    def get_attribute(self, instance):
        ids = getattr(instance, "linked_ids", {}).get(self.source)
        if ids is None:
            return super().get_attribute(instance)
        return [PKOnlyObject(pk) for pk in ids]


def with_id_arrays(queryset, **ids):
    """`queryset` with an array of ids per row for each of `ids` ({name: a subquery of one
    column of ids, tied to the row by OuterRef}), read by the rows' own query on PostgreSQL:
    a page of them then takes no second query for its links. Elsewhere the rows are as they
    were, and the serializer reads the links by a query of their own."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset
    from django.contrib.postgres.expressions import ArraySubquery

    return queryset.annotate(**{name: ArraySubquery(column) for name, column in ids.items()})


def with_linked_ids(queryset, *names: str):
    """Rows carrying the ids they link to through these many-to-many fields (with_id_arrays),
    for LinkedIdsListSerializer."""
    ids = {}
    for name in names:
        relation = queryset.model._meta.get_field(name)
        own, other = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
        links = relation.remote_field.through.objects.filter(**{own: OuterRef("pk")})
        ids[linked_ids_name(name)] = links.order_by(other).values(other)
    return with_id_arrays(queryset, **ids)


def linked_ids_name(field: str) -> str:
    return f"linked_{field}_ids"


class LinkedIdsListSerializer(serializers.ListSerializer):
    """Reads the ids of every LinkedIds field of a page of rows: from the rows themselves where
    their query carried them (with_linked_ids), else with one query per field."""

    def to_representation(self, data):
        rows = list(data.all() if hasattr(data, "all") else data)
        for row in rows:
            row.linked_ids = {}
        model = self.child.Meta.model
        for field in self.child.fields.values():
            if not isinstance(field, LinkedIds) or field.write_only:
                continue
            carried = linked_ids_name(field.source)
            if rows and hasattr(rows[0], carried):
                for row in rows:
                    row.linked_ids[field.source] = getattr(row, carried)
            else:
                self._read_links(rows, model._meta.get_field(field.source))
        return super().to_representation(rows)

    @staticmethod
    def _read_links(rows, relation) -> None:
        through = relation.remote_field.through
        own, other = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
        ids = defaultdict(list)
        links = through.objects.filter(**{f"{own}__in": [row.pk for row in rows]})
        for row_id, linked_id in links.order_by(other).values_list(own, other):
            ids[row_id].append(linked_id)
        for row in rows:
            row.linked_ids[relation.name] = ids[row.pk]
