"""Writing as a person would, in English and French: small numbers in words, lists, periods."""

import re
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


# Marks that make Markdown anywhere on a line: emphasis, code, links and images ("[" opens both),
# and the backslash that would undo an escape.
INLINE_MARKS = re.compile(r"([\\`*_\[\]])")
# Raw HTML and character references: "<b>" and "&amp;" are text too.
HTML_START = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")
# What makes a heading, a quote or a list when it opens a line (data may open one).
BLOCK_MARKS = ("#", ">", "+", "-")
ORDERED_ITEM = re.compile(r"^(\d+)\.")


def markdown_text(value) -> str:
    """`value` as literal text in Markdown: data (a meeting's title, a city) never becomes a
    heading, a link or a line of its own, in the Markdown, HTML, PDF and e-mail editions alike."""
    text = " ".join(str(value).split())  # no line breaks, no indented code
    text = HTML_START.sub(lambda mark: "&lt;" if mark.group() == "<" else "&amp;", text)
    text = INLINE_MARKS.sub(r"\\\1", text)
    if text.startswith(BLOCK_MARKS):
        return "\\" + text
    if text.startswith("="):  # under a line, a line of "=" makes that line a heading
        return "&#61;" + text[1:]
    return ORDERED_ITEM.sub(r"\1\\.", text)
