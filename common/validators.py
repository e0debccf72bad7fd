import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

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
