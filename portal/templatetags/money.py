from django import template

from common import money

register = template.Library()


@register.filter
def euros(amount) -> str:
    """An amount in euros as the reader's language writes it: €185,195.00, 185.195,00 €…"""
    return money.euros(amount)
