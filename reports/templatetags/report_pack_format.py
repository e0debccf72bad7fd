from django import template

from common.labels import day_text
from common.money import euros as written_euros

register = template.Library()


@register.filter
def euros(amount) -> str:
    """An amount in euros as the report's language writes it (Babel)."""
    return written_euros(amount)


@register.filter
def day(value) -> str:
    """A calendar day as the report's language writes it."""
    return day_text(value)


@register.filter
def web_address(link: str) -> str:
    """A link the PDF may make clickable: a web address, nothing else."""
    return link if link.lower().startswith(("https://", "http://")) else ""
