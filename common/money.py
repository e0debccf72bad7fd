from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency
from django.utils import translation

from .languages import babel_locale

CENT = Decimal("0.01")


def cents(amount) -> Decimal:
    """An amount of euros rounded to the cent, halves away from zero as accountants round."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def euros(amount) -> str:
    """An amount in euros as the reader's language writes it: €185,195.00, 185.195,00 €…"""
    return format_currency(amount, "EUR", locale=babel_locale(translation.get_language()))
