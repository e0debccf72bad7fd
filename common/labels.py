"""Choice labels and dates written once per language, not once per row.

Model.get_FOO_display() rebuilds a dict of the field's choices and translates the label at
every call, and the `date` filter looks its format up at every call: on a page of a hundred
rows that was a fifth of the rendering. Translations and formats do not change while the
process runs, so each (model, field, language) and (day, format, language) is worked out once.
"""

from datetime import date, datetime
from functools import cache, lru_cache

from babel.dates import format_skeleton
from babel.lists import format_list
from django.utils.formats import date_format
from django.utils.translation import get_language

from .languages import babel_locale


@cache
def choice_labels(model, field_name: str, language: str | None) -> dict:
    """{value: label} of a choice field, in `language` (the one active when called)."""
    field = model._meta.get_field(field_name)
    return {value: str(label) for value, label in field.flatchoices}


def choice_label(instance, field_name: str) -> str:
    """What get_FOO_display() says, in the active language, from the labels worked out once."""
    value = getattr(instance, field_name)
    labels = choice_labels(instance._meta.concrete_model, field_name, get_language())
    return labels.get(value, value)


@lru_cache(maxsize=8192)
def _day(day: date, format_name: str | None, language: str | None) -> str:
    return date_format(day, format_name)


def day_text(day: date | None, format_name: str | None = None) -> str:
    """A calendar day as the `date` filter writes it (DATE_FORMAT unless told), memoised.

    Only for days: a datetime depends on the reader's time zone, so it is left to the filter.
    """
    if day is None:
        return ""
    if isinstance(day, datetime):
        return date_format(day, format_name)
    return _day(day, format_name, get_language())


@lru_cache(maxsize=4096)
def _month(day: date, language: str) -> str:
    return format_skeleton("yMMM", day, locale=babel_locale(language))


def month_text(day: date | None) -> str:
    """A month and year with the language's own abbreviation (CLDR's): "févr. 2018", not
    the "Fév" of Django's "M", which French does not write."""
    return _month(day, get_language() or "en") if day else ""


def list_text(items) -> str:
    """Items joined as the language writes a list: "a, b and c", "a, b et c"."""
    items = [str(item) for item in items]
    return format_list(items, locale=babel_locale(get_language() or "en")) if items else ""
