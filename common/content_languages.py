"""Content in several languages: a title or a place as entered (the original) and its versions
per language, each reading the original where it has none.

django-modeltranslation gives each translated field a column per language and reads the
reader's one. Its writes go to the active language's column, so a French coordinator renaming a
meeting would leave the original behind; here a write to the field itself (a form, the API, an
import, a service) changes the original, and a version is written by its own name (`title_fr`).
"""

from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.db.models import F, FileField, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import (
    build_localized_fieldname,
    fallbacks_enabled,
    get_language,
    resolution_order,
)

ORIGINAL = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != ORIGINAL)


def version_name(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def version_names(field: str) -> list[str]:
    """The columns of a field's versions in the other languages: title_fr, title_de…"""
    return [version_name(field, language) for language in OTHER_LANGUAGES]


def all_version_names(field: str) -> list[str]:
    """Every language's column of a field, the original's (title_en) first."""
    return [version_name(field, language) for language in settings.MODELTRANSLATION_LANGUAGES]


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def has_version(instance, field: str, language: str) -> bool:
    """Whether the field reads its own words in `language` (the original counts for its own)."""
    return bool(getattr(instance, version_name(field, language), None))


def versions_of(instance) -> dict:
    """The original and every version of the instance's translated fields, by column, so that
    a copy carries them all (reading the field alone gives one language)."""
    return {
        name: getattr(instance, name)
        for field in translated_fields(type(instance))
        for name in all_version_names(field)
    }


class Versions(NamedTuple):
    """How a translated field is read: its columns in the order they are tried, the value that
    counts as no version, and what a row without any reads."""

    columns: list[str]
    undefined: object
    last: object


def versions_read(model, field: str) -> Versions | None:
    """The reading of `field` in the active language, as its descriptor reads it (the
    language's version, else its fallbacks', else the default); None for a field that is not
    translated."""
    descriptor = getattr(model, field, None)
    if not isinstance(descriptor, TranslationFieldDescriptor) or isinstance(
        descriptor.field, FileField
    ):
        return None
    default = descriptor.field.get_default()
    undefined = default if descriptor.fallback_undefined is NONE else descriptor.fallback_undefined
    fallback = descriptor.fallback_value
    last = fallback if fallbacks_enabled() and fallback is not NONE else default
    # modeltranslation's language, as the descriptor reads it: a regional code (pt-br) is its
    # language's (pt), one without versions or none active is the default.
    languages = resolution_order(get_language(), descriptor.fallback_languages)
    return Versions([version_name(field, language) for language in languages], undefined, last)


def version_reader(model, field: str, *, lookup: Callable = getattr) -> Callable | None:
    """A function that reads `field` of a row as its descriptor does, the languages worked out
    once (versions_read): the descriptor works them out again for every row and field, a fifth
    of a list of meetings. None for a field that is not translated.

    The row is an instance, or with lookup=dict.get a dict of the versions by column (title_en,
    title_fr…), as read with values_list."""
    versions = versions_read(model, field)
    if versions is None:
        return None
    columns, undefined, last = versions

    def read(instance):
        for column in columns:
            value = lookup(instance, column, None)
            if value is not None and value != undefined:
                return value
        return last

    return read


def version_expression(model, field: str):
    """`field` as the database reads it in the active language, by the same reading
    (versions_read).

    modeltranslation rewrites `title` to the reader's column in filters, values and plain
    annotations, but not inside an aggregate: there `F("title")` reads the column the
    translated fields leave behind, which a bulk write (an import, an `update()`) does not
    change. The timeline showed a deliverable's title as it was before a sheet renamed it, and
    in no reader's language."""
    versions = versions_read(model, field)
    if versions is None:
        return F(field)
    given = [NullIf(F(column), Value(versions.undefined)) for column in versions.columns]
    return Coalesce(*given, Value(versions.last), output_field=model._meta.get_field(field))


def stored_name(model, field: str) -> str:
    """The attribute that holds what a field was given: the original for a translated field
    (its plain name reads the reader's version), the field itself otherwise."""
    return version_name(field, ORIGINAL) if field in translated_fields(model) else field


def stored_names(model, fields) -> list[str]:
    """stored_name of each field: the columns a bulk_update writes. Given the plain `title`,
    it would write the reader's language's column, so a French reader's edit of a title would
    leave the original as it was."""
    return [stored_name(model, field) for field in fields]


class OriginalWritingDescriptor(TranslationFieldDescriptor):
    """Reads the active language's version (else the original); writes the original."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.name] = value
        if getattr(instance, "_mt_init", False) or getattr(instance, "_mt_disable", False):
            return
        setattr(instance, version_name(self.field.name, ORIGINAL), value)


def write_to_the_original(model) -> None:
    """Make `model.field = …` and `model(field=…)` set the original whatever the language."""
    fields = translated_fields(model)
    for name in fields:
        current = model.__dict__[name]
        descriptor = OriginalWritingDescriptor(
            current.field,
            fallback_languages=current.fallback_languages,
            fallback_value=current.fallback_value,
            fallback_undefined=current.fallback_undefined,
        )
        setattr(model, name, descriptor)
    translating_init = model.__init__

    def __init__(self, *args, **kwargs):
        if not args:  # a new row (rows read from the database come as positional values)
            for name in fields:
                original = version_name(name, ORIGINAL)
                if name in kwargs:
                    kwargs.setdefault(original, kwargs.pop(name))
                else:  # the original is never null: "" where nothing was given, as before
                    kwargs.setdefault(original, model._meta.get_field(name).get_default())
        translating_init(self, *args, **kwargs)

    model.__init__ = __init__
