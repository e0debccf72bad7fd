"""Choice labels and days for rows in loops, worked out once per language (common.labels)."""

from django import template

from common.labels import choice_label, day_text, list_text, month_text

register = template.Library()


@register.filter
def display(instance, field_name: str) -> str:
    """{{ d|display:"status" }}: what {{ d.get_status_display }} says, without rebuilding it."""
    return choice_label(instance, field_name)


@register.filter(expects_localtime=True)
def day(value, format_name: str | None = None) -> str:
    """{{ d.due_date|day }}: what {{ d.due_date|date }} writes for a calendar day, memoised."""
    return day_text(value, format_name)


@register.filter
def month(value) -> str:
    """{{ project.start_date|month }}: "févr. 2018", the language's own month abbreviation."""
    return month_text(value)


@register.filter
def as_list(items) -> str:
    """{{ reasons|as_list }}: "a, b and c" as the reader's language joins a list."""
    return list_text(items)
