"""Erasmus+ reference numbers, as the national agencies issue them.

Up to 2020: 2017-1-FR01-KA202-037403 (call year, round, agency, action, six-digit serial).
Since 2021: 2021-1-FR01-KA220-VET-000012345 (the action carries its field, nine-digit serial).
"""

import re

from django.utils.translation import gettext_lazy as _

LEGACY_PATTERN = r"^20[0-9]{2}-[1-3]-[A-Z]{2}[0-9]{2}-KA[0-9]{3}-[0-9]{6}$"
CURRENT_PATTERN = r"^20[0-9]{2}-[1-3]-[A-Z]{2}[0-9]{2}-KA[0-9]{3}-[A-Z]{3}-[0-9]{9}$"
FORMAT_HELP = _(
    "Use the agency's format, e.g. 2017-1-FR01-KA202-037403 (up to 2020) "
    "or 2021-1-FR01-KA220-VET-000012345 (since 2021)."
)


def is_valid_reference(reference: str) -> bool:
    return bool(re.match(LEGACY_PATTERN, reference) or re.match(CURRENT_PATTERN, reference))


def action_code(reference: str) -> str:
    """The action a valid reference names: KA202, or KA220-VET; KA210 keeps no field."""
    parts = reference.split("-")
    action = parts[3]
    if len(parts) == 6 and action != "KA210":
        return f"{action}-{parts[4]}"
    return action
