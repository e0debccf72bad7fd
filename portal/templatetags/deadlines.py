from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def days_left(day, today) -> str:
    """'today', 'in 3 days' or '5 days late', in the reader's language."""
    days = (day - today).days
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
    return ngettext("%(days)d day late", "%(days)d days late", -days) % {"days": -days}


@register.filter
def percent(part, whole) -> float:
    """Share of `whole`, for the width of a progress bar segment."""
    return round(100 * part / whole, 1) if whole else 0
