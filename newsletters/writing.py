"""Writing as a person would, in English and French: small numbers in words, lists, periods."""

from datetime import date

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NUMBER_WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"],
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
           "onze", "douze"],
}  # fmt: skip
ORDINAL_WORDS = {
    "en": ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
           "ninth", "tenth"],
    "fr": ["zéroième", "première", "deuxième", "troisième", "quatrième", "cinquième", "sixième",
           "septième", "huitième", "neuvième", "dixième"],
}  # fmt: skip


def language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def number(n: int) -> str:
    """'three' below thirteen, '14' from there, as a writer would."""
    words = NUMBER_WORDS[language()]
    return words[n] if 0 <= n < len(words) else str(n)


def ordinal(n: int) -> str:
    words = ORDINAL_WORDS[language()]
    return words[n] if 0 < n < len(words) else f"{n}."


def listing(items) -> str:
    """'a, b and c' / 'a, b et c'."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    conjunction = _("and")
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def month(value: date) -> str:
    return formats.date_format(value, "F Y")


def period(start: date, end: date) -> str:
    """'24 October 2018', '13-14 September 2018', '30 September - 1 October 2018'."""
    if start == end:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{day(end)}"
    if start.year == end.year:
        return f"{formats.date_format(start, 'j F')} - {day(end)}"
    return f"{day(start)} - {day(end)}"
