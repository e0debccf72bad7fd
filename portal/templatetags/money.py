from babel.numbers import format_currency
from django import template
from django.utils import translation

from common.languages import babel_locale

register = template.Library()


@register.filter
def euros(amount) -> str:
    """An amount in euros as the reader's language writes it: €185,195.00, 185.195,00 €…"""
    return format_currency(amount, "EUR", locale=babel_locale(translation.get_language()))
