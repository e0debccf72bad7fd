"""Reminder windows: which one an item with a date is in, on a given day.

Before the date, the window of the nearest lead time not yet passed ("before-7" from seven days
ahead until the day before "before-1" starts); on the date, "due"; after it, one window a week,
"overdue-0" from the day after, "overdue-1" a week later and so on. The SQL scan in claims.py
computes the same thing in the database; a test holds the two equal.
"""

from datetime import date


def window_for(day: date, item_date: date, leads, deadline: bool = True) -> str | None:
    """The window of an item dated `item_date` on `day`; meetings (not deadlines) stop before."""
    days_left = (item_date - day).days
    if days_left > 0:
        reached = [lead for lead in leads if lead >= days_left]
        return f"before-{min(reached)}" if reached else None
    if not deadline:
        return None
    if days_left == 0:
        return "due"
    return f"overdue-{(-days_left - 1) // 7}"
