"""What a deliverable may be handed in as a link to: one rule for the API, the pages and the admin.

The coordinator opens the link from wherever they are, so it must be encrypted (https) and lead
to a public host: not this machine, a local network name or a bare IP address, which either
cannot be opened elsewhere or point into someone's private network.
"""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from common.validators import web_address

LINK_RULE = _(
    "An https:// address on a public site, such as a shared folder or a web page "
    "(not localhost or an IP address)."
)
REFUSAL = _(
    "Give a link that starts with https:// and leads to a public site that the coordinator "
    "can open (not localhost or an IP address)."
)
LOCAL_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".lan", ".home.arpa")

_https_url = URLValidator(schemes=["https"], message=REFUSAL, code="link")


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def validate_submission_link(link: str) -> None:
    """Refuse, with one message, any link but https:// to a public host name."""
    _https_url(link)
    web_address(link)  # and a URI: no quotes, spaces or angle brackets
    host = (urlsplit(link).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES) or _is_ip_address(host):
        raise ValidationError(REFUSAL, code="link")
