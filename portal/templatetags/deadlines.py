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
def late(item, today) -> bool:
    """The item's own rule of lateness (Deliverable.is_late, ActionItem.is_late) on `today`."""
    return item.is_late(today)


@register.filter
def percent(part, whole) -> str:
    """Share of `whole`, for the width of a progress bar segment. A string with a dot whatever
    the reader's language: a localised "33,3" would be invalid CSS."""
    return f"{100 * part / whole:.1f}" if whole else "0"
