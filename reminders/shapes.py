"""Templates rendered once per language and shape, with a slot in place of every value that
varies from one mail to the next; each mail fills the slots.

The wording stays in the templates, and ten thousand mails cost ten thousand joins rather than
twenty thousand renders. A slot is a word between NUL characters, which neither a template's
text nor autoescaping produces, so splitting the rendered text on slots is exact.
"""

import functools
import re
from html import escape

from django.template.loader import render_to_string
from django.utils import translation

SLOT = re.compile("\x00(\\w+)\x00")


def slot(name: str) -> str:
    return f"\x00{name}\x00"


class Shape:
    """A template rendered with slots: filling them gives what rendering it with the slots'
    values would (values for HTML are escaped by the caller, as autoescaping would)."""

    def __init__(self, rendered: str):
        # A format string, which str.format_map fills at C speed: the rendered text's braces
        # doubled, each slot a field.
        self.format = "".join(
            f"{{{part}}}" if n % 2 else part.replace("{", "{{").replace("}", "}}")
            for n, part in enumerate(SLOT.split(rendered))
        )

    def fill(self, values: dict[str, str]) -> str:
        return self.format.format_map(values)


@functools.lru_cache(maxsize=1024)
def shape(template: str, language: str, fixed: tuple, slots: tuple[str, ...]) -> Shape:
    """`template` in `language` with the (name, value) pairs of `fixed`, and slots for `slots`."""
    context = {name: slot(name) for name in slots} | dict(fixed)
    with translation.override(language):
        return Shape(render_to_string(template, context))


FORMATS = ("txt", "html")


def shape_pair(name: str, language: str, fixed: tuple, slots: tuple[str, ...]):
    return [shape(f"reminders/email/{name}.{fmt}", language, fixed, slots) for fmt in FORMATS]


def fill_pair(shapes, text_values: dict[str, str], parts: dict[str, tuple[str, str]]):
    """The text and HTML of a pair of shapes; `parts` are fragments already in each format.

    Values are escaped as autoescaping does (django.utils.html.escape is the standard library's
    escape behind a check for lazy strings, which these values never are and which cost more
    than the escaping, a dozen times a mail)."""
    txt, html = shapes
    escaped = {name: escape(value) for name, value in text_values.items()}
    return (
        txt.fill({**text_values, **{name: pair[0] for name, pair in parts.items()}}),
        html.fill({**escaped, **{name: pair[1] for name, pair in parts.items()}}),
    )
