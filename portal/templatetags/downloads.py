from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("portal/downloads.html")
def downloads(url_name: str, *args, what: str, query: str = "", named: bool = False) -> dict:
    """The "Download CSV / Excel" links of a table: `args` name the table's address, `query`
    carries the page's filters, `what` names the table to screen readers (and to everyone when
    `named`, where a section offers more than one table)."""
    suffix = f"?{query}" if query else ""
    return {
        "csv": reverse(url_name, args=[*args, "csv"]) + suffix,
        "xlsx": reverse(url_name, args=[*args, "xlsx"]) + suffix,
        "what": what,
        "named": named,
    }
