import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Line breaks, tabs and the other control characters (C0, DEL, C1), and the Unicode line and
# paragraph separators: a code or a title is one line, and reaches mail subjects and file names.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_one_line(value: str) -> None:
    """Refuse a line break or another control character in a one-line text (a code, a title)."""
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Write this on one line, without line breaks, tabs or control characters."),
            code="control_characters",
        )


def is_whole_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also says yes to "²" or "①", which int() refuses."""
    return text.isascii() and text.isdigit()


# Characters a URI cannot hold (RFC 3986): Django's URLValidator lets them through in the path,
# so `https://x.example/"><script>` would pass, and then break every page or mail that links it.
NOT_IN_A_URI = re.compile(r'[\s"<>\\^`{|}]')


class WebAddressValidator(URLValidator):
    """An http(s) address that is a URI as the API's schema says (`format: uri`)."""

    def __init__(self):
        super().__init__(
            schemes=["http", "https"], message=_("Give a link that starts with https://.")
        )

    def __call__(self, value):
        super().__call__(value)
        if NOT_IN_A_URI.search(value):
            raise ValidationError(
                _(
                    "A link cannot contain spaces, quotes, <, > or braces; copy it from the "
                    "browser's address bar."
                ),
                code="invalid",
            )


web_address = WebAddressValidator()
