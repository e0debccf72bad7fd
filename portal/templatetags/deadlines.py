from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.labels import choice_label, day_text

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


# The deliverable's due day and status, in Python rather than an included template: they are
# written for every row of the project page, My work and the work plan, where an include per
# cell cost more than the rest of the row.


@register.simple_tag
def due_text(d) -> str:
    """The due day, or its month alone while it is to be confirmed."""
    if d.due_date_confirmed:
        return day_text(d.due_date)
    return _("%(month)s (to be confirmed)") % {"month": day_text(d.due_date, "F Y")}


@register.simple_tag
def deliverable_status(d, today) -> str:
    """The status as a badge: late when open past its day, changes requested marked."""
    label = choice_label(d, "status")
    if not d.is_open:
        return format_html('<span class="status {}">{}</span>', d.status, label)
    if d.is_late(today):
        return format_html('<span class="status late">{} · {}</span>', label, _("late"))
    if d.status == "changes_requested":
        return format_html('<span class="status changes_requested">{}</span>', label)
    return format_html('<span class="status">{}</span>', label)
