"""The pages' tables as sheets: a header in the reader's language and the rows the table shows.

One function per table builds its sheet from what the page reads (the same selectors and
filters), so a download holds what the reader sees there and nothing more; the views in
portal.views.downloads write any sheet as CSV or Excel."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

Sheet = tuple[list[str], Iterable[dict]]


def sheet(header: Sequence[str], rows: Iterable[Sequence]) -> Sheet:
    """Rows given as values in the header's order, keyed by the header for the writers."""
    header = [str(label) for label in header]
    return header, (dict(zip(header, row, strict=True)) for row in rows)


def day(value) -> str:
    """A date as ISO, which every spreadsheet program reads as a date; nothing as empty."""
    return value.isoformat() if value else ""


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def status_of(item, today) -> str:
    """The status as the pages show it, "late" added when the item's own rule says so."""
    return " · ".join(
        [str(item.get_status_display())] + ([_("late")] if item.is_late(today) else [])
    )
