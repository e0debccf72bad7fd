"""Writing as a person would, in the reader's language: small numbers in words, lists, dates and
periods. Dates and lists come from Babel; the few words Babel does not spell are in one table."""

import re
from datetime import date, timedelta

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .grammar import BABEL_LOCALES, elide

LANGUAGES = ("en", "fr", "de", "es", "it", "pt")

# Numbers up to twelve are spelled out, as each language's style guides ask; ordinals name the
# n-th coordination meeting, so they agree with that noun (réunion, Treffen, reunión, riunione,
# reunião). Beyond the table, digits with the language's ordinal mark.
WORDS = {
    "en": ("zero one two three four five six seven eight nine ten eleven twelve",
           "first second third fourth fifth sixth seventh eighth ninth tenth", "{}th"),
    "fr": ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
           "première deuxième troisième quatrième cinquième sixième septième huitième neuvième "
           "dixième", "{}e"),
    "de": ("null ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
           "erste zweite dritte vierte fünfte sechste siebte achte neunte zehnte", "{}."),
    "es": ("cero un dos tres cuatro cinco seis siete ocho nueve diez once doce",
           "primera segunda tercera cuarta quinta sexta séptima octava novena décima", "{}.ª"),
    "it": ("zero un due tre quattro cinque sei sette otto nove dieci undici dodici",
           "prima seconda terza quarta quinta sesta settima ottava nona decima", "{}ª"),
    "pt": ("zero um dois três quatro cinco seis sete oito nove dez onze doze",
           "primeira segunda terceira quarta quinta sexta sétima oitava nona décima", "{}.ª"),
}  # fmt: skip
# How a day of the month is written before a month's name, where it differs from the digits.
FIRST_OF_MONTH = {"fr": "1er", "it": "1º"}
DAY_MARK = {"de": "{}."}


def language() -> str:
    """The active language if the newsletter is written in it, else English."""
    code = (get_language() or "en")[:2]
    return code if code in LANGUAGES else "en"


def locale() -> Locale:
    code = language()
    return Locale.parse(BABEL_LOCALES.get(code, code))


def number(n: int) -> str:
    """'three' below thirteen, '14' from there, as a writer would."""
    words = WORDS[language()][0].split()
    return words[n] if 0 <= n < len(words) else str(n)


def ordinal(n: int) -> str:
    words = WORDS[language()][1].split()
    return words[n - 1] if 0 < n <= len(words) else WORDS[language()][2].format(n)


def listing(items) -> str:
    """'a, b and c' / 'a, b et c' / 'a, b und c', as the language joins them."""
    items = [str(item) for item in items]
    if not items:
        return ""
    if language() == "en":
        # Babel's English puts a comma before "and"; the network writes British English.
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {_('and')} {items[-1]}"
    return format_list(items, locale=locale())


def day(value: date) -> str:
    """'4 October 2018', '1er octobre 2018', '4. Oktober 2018'."""
    return day_first(value, format_date(value, "long", locale=locale()))


def month(value: date) -> str:
    """'October 2018', 'octobre 2018', 'octubre de 2018'."""
    return format_skeleton("yMMMM", value, locale=locale())


def months(first: date, last: date) -> str:
    """What an issue covers: 'October 2018', 'September–October 2018', or the days when the
    period does not run from a month's first day to a month's last."""
    if not (first.day == 1 and (last + timedelta(days=1)).day == 1):
        return period(first, last)
    if (first.year, first.month) == (last.year, last.month):
        return month(first)
    return format_interval(first, last, "yMMMM", locale=locale())


def period(start: date, end: date) -> str:
    """A label: '24 October 2018', '13–14 September 2018', '30 September – 1 October 2018'."""
    if start == end:
        return day(start)
    formats = locale().interval_formats
    parts = formats.get("yMMMMd") or formats["yMMMd"]
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    # The locale gives its abbreviated month for ranges; the newsletter writes months in full.
    patterns = [_full_month(pattern) for pattern in parts[field]]
    return "".join(
        format_date(v, p, locale=locale()) for p, v in zip(patterns, (start, end), strict=True)
    )


def _full_month(pattern: str) -> str:
    pattern = re.sub(r"(?<![ML])(MMM|LLL)(?![ML])", r"\1M", pattern)
    return pattern.replace("MMMM.", "MMMM").replace("dd", "d")


def day_first(value: date, text: str) -> str:
    """'1 octobre' is written '1er octobre', '1 ottobre' '1º ottobre'."""
    mark = FIRST_OF_MONTH.get(language())
    if mark and value.day == 1:
        return re.sub(r"^0?1(?=\D)", mark, text, count=1)
    return text


def day_number(value: date) -> str:
    if value.day == 1 and language() in FIRST_OF_MONTH:
        return FIRST_OF_MONTH[language()]
    return DAY_MARK.get(language(), "{}").format(value.day)


def day_and_month(value: date) -> str:
    return day_first(value, format_skeleton("MMMMd", value, locale=locale()))


def when(start: date, end: date, *, month_only: bool = False) -> str:
    """The days inside a sentence: 'on 4 October 2018', 'le 4 octobre 2018', 'les 13 et 14
    septembre 2018', 'vom 30. September bis 1. Oktober 2018', 'in January 2019'."""
    if month_only:
        text = _("in %(month)s") % {"month": month(start)}
    elif start == end:
        text = _("on %(date)s") % {"date": day(start)}
    elif (end - start).days == 1 and start.month == end.month:
        text = _("on %(first)s and %(last)s") % {"first": day_number(start), "last": day(end)}
    else:
        if (start.year, start.month) == (end.year, end.month):
            first = day_number(start)
        elif start.year == end.year:
            first = day_and_month(start)
        else:
            first = day(start)
        text = _("from %(first)s to %(last)s") % {"first": first, "last": day(end)}
    return elide(language(), text)


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
