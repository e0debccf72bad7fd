"""Choice labels and days for rows in loops, worked out once per language (common.labels)."""

from django import template

from common.labels import choice_label, day_text

register = template.Library()


@register.filter
def display(instance, field_name: str) -> str:
    """{{ d|display:"status" }}: what {{ d.get_status_display }} says, without rebuilding it."""
    return choice_label(instance, field_name)


@register.filter(expects_localtime=True)
def day(value, format_name: str | None = None) -> str:
    """{{ d.due_date|day }}: what {{ d.due_date|date }} writes for a calendar day, memoised."""
    return day_text(value, format_name)
