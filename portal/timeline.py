"""A project's timeline as an SVG picture: its period, a row per work package with the due dates
of its deliverables, its meetings, today's line and what is late.

Drawn on the server so that it needs no script, prints as sharp as the text around it, and says
what each mark is to screen readers (every mark carries a <title>).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Min, Value
from django.db.models.functions import Concat
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.colours import STATUS_COLOURS
from common.content_languages import version_expression
from common.labels import day_text
from deliverables.models import Deliverable

WIDTH = 960
LABEL_WIDTH = 150
RIGHT_MARGIN = 16
AXIS_HEIGHT = 34
ROW_HEIGHT = 28
LEGEND_HEIGHT = 36
MARK = 7  # half the width of a deliverable's diamond

COLOURS = {
    "approved": STATUS_COLOURS["achieved"],
    "submitted": STATUS_COLOURS["submitted"],
    "open": STATUS_COLOURS["open"],
    "late": STATUS_COLOURS["late"],
    "period": "#dbe5f0",
    "meeting": "#6a4c93",
    "ink": "#1d2430",
    "grid": "#d5dae1",
}


@dataclass
class Scale:
    start: date
    end: date

    @property
    def days(self) -> int:
        return max((self.end - self.start).days + 1, 1)

    def x(self, day: date) -> float:
        day = min(max(day, self.start), self.end + timedelta(days=1))
        plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
        return round(LABEL_WIDTH + (day - self.start).days / self.days * plot, 1)


def deliverable_state(status: str, due_date: date, today: date) -> str:
    if Deliverable.late_on(status, due_date, today):
        return "late"
    return "open" if Deliverable.open_status(status) else status


@dataclass
class Mark:
    """The deliverables of one row due on one day in one state: they share one diamond."""

    work_package_id: int | None
    due_date: date
    state: str
    first: str  # "code title" of the first of them
    count: int

    def label(self) -> str:
        label = self.first
        if self.count > 1:
            label = ngettext(
                "%(first)s and %(count)d more deliverable",
                "%(first)s and %(count)d more deliverables",
                self.count - 1,
            ) % {"first": label, "count": self.count - 1}
        label = f"{label}: {day_text(self.due_date)}"
        if self.state == "late":
            label += " (" + _("late") + ")"
        return label


def deliverable_marks(deliverables, today: date) -> list[Mark]:
    """One mark per work package, day and state, counted by the database.

    Deliverables due on the same day of a row are drawn on the same spot anyway; reading them
    grouped keeps the timeline's cost to the days of the plan, not the number of its rows (a
    project of 10,000 deliverables took five times the page of one of 100).
    """
    groups = (
        deliverables.order_by()
        .values("work_package_id", "due_date", "status")
        .annotate(
            count=Count("pk"),
            first=Min(Concat(F("code"), Value(" "), version_expression(Deliverable, "title"))),
        )
    )
    marks: dict[tuple, Mark] = {}
    for group in groups:
        state = deliverable_state(group["status"], group["due_date"], today)
        key = (group["work_package_id"], group["due_date"], state)
        if key in marks:
            marks[key].count += group["count"]
            marks[key].first = min(marks[key].first, group["first"])
        else:
            marks[key] = Mark(*key, first=group["first"], count=group["count"])
    return sorted(marks.values(), key=lambda mark: (mark.due_date, mark.first))


def _diamond(x: float, y: float, state: str, label: str) -> str:
    points = f"{x},{y - MARK} {x + MARK},{y} {x},{y + MARK} {x - MARK},{y}"
    stroke = COLOURS["late"] if state == "late" else COLOURS["ink"]
    width = 2.5 if state == "late" else 1
    return (
        f'<polygon points="{points}" fill="{COLOURS[state]}" stroke="{stroke}" '
        f'stroke-width="{width}"><title>{escape(label)}</title></polygon>'
    )


def _month_starts(scale: Scale):
    month = scale.start.replace(day=1)
    while month <= scale.end:
        if month >= scale.start:
            yield month
        month = (month + timedelta(days=32)).replace(day=1)


def _axis(scale: Scale, height: float) -> list[str]:
    parts = []
    for month in _month_starts(scale):
        x = scale.x(month)
        quarter = month.month in (1, 4, 7, 10)
        parts.append(
            f'<line x1="{x}" y1="{AXIS_HEIGHT - 6}" x2="{x}" y2="{height}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="{1 if quarter else 0.5}"/>'
        )
        if quarter:
            parts.append(
                f'<text x="{x + 2}" y="{AXIS_HEIGHT - 12}" font-size="11">'
                f"{escape(date_format(month, 'M Y'))}</text>"
            )
    return parts


def _row_label(y: float, text: str, detail: str = "") -> str:
    title = f"<title>{escape(detail)}</title>" if detail else ""
    return f'<text x="4" y="{y + 4}" font-size="12">{title}{escape(text[:22])}</text>'


def project_timeline(project, *, work_packages, deliverables, meetings, today: date) -> str:
    """The SVG markup; work packages, deliverables (a queryset) and meetings are the project's
    own rows."""
    scale = Scale(project.start_date, project.end_date)
    by_package: dict[int | None, list[Mark]] = {}
    for mark in deliverable_marks(deliverables, today):
        by_package.setdefault(mark.work_package_id, []).append(mark)

    rows = [
        (package.code, package.title, by_package.get(package.pk, [])) for package in work_packages
    ]
    if None in by_package:
        rows.append((_("Other"), _("Deliverables outside any work package"), by_package[None]))

    height = AXIS_HEIGHT + ROW_HEIGHT * (len(rows) + 2) + LEGEND_HEIGHT
    title = _("Timeline of %(acronym)s") % {"acronym": project.acronym}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="timeline-title" font-family="system-ui, sans-serif" '
        f'fill="{COLOURS["ink"]}">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
        *_axis(scale, height - LEGEND_HEIGHT),
    ]

    y = AXIS_HEIGHT + ROW_HEIGHT / 2
    period = _("%(start)s to %(end)s") % {
        "start": date_format(project.start_date),
        "end": date_format(project.end_date),
    }
    parts += [
        _row_label(y, _("Project"), period),
        f'<rect x="{scale.x(scale.start)}" y="{y - 7}" height="14" rx="3" '
        f'width="{scale.x(scale.end + timedelta(days=1)) - scale.x(scale.start)}" '
        f'fill="{COLOURS["period"]}"><title>{escape(period)}</title></rect>',
    ]

    for code, detail, items in rows:
        y += ROW_HEIGHT
        parts.append(_row_label(y, code, detail))
        parts.append(
            f'<line x1="{LABEL_WIDTH}" y1="{y}" x2="{WIDTH - RIGHT_MARGIN}" y2="{y}" '
            f'stroke="{COLOURS["grid"]}"/>'
        )
        for mark in items:
            parts.append(_diamond(scale.x(mark.due_date), y, mark.state, mark.label()))

    y += ROW_HEIGHT
    parts.append(_row_label(y, _("Meetings")))
    for meeting in meetings:
        x1, x2 = scale.x(meeting.start_date), scale.x(meeting.end_date + timedelta(days=1))
        label = f"{meeting.title}: {meeting.dates_text}"
        parts.append(
            f'<rect x="{x1}" y="{y - 8}" width="{max(x2 - x1, 5)}" height="16" rx="2" '
            f'fill="{COLOURS["meeting"]}"><title>{escape(label)}</title></rect>'
        )

    if project.covers(today):
        x = scale.x(today)
        parts += [
            f'<line x1="{x}" y1="{AXIS_HEIGHT - 4}" x2="{x}" y2="{y + ROW_HEIGHT / 2}" '
            f'stroke="{COLOURS["late"]}" stroke-width="2" stroke-dasharray="4 3"/>',
            f'<text x="{x + 3}" y="{AXIS_HEIGHT - 2}" font-size="11" fill="{COLOURS["late"]}">'
            + escape(_("Today"))
            + "</text>",
        ]

    parts += _legend(height - LEGEND_HEIGHT / 2)
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(y: float) -> list[str]:
    entries = [
        ("approved", _("Approved")),
        ("submitted", _("Submitted")),
        ("open", _("Open")),
        ("late", _("Late")),
    ]
    parts, x = [], LABEL_WIDTH
    for state, label in entries:
        parts.append(_diamond(x, y, state, label))
        parts.append(f'<text x="{x + 12}" y="{y + 4}" font-size="12">{escape(label)}</text>')
        x += 130
    meeting = escape(_("Meeting"))
    parts.append(
        f'<rect x="{x - 6}" y="{y - 7}" width="14" height="14" fill="{COLOURS["meeting"]}"/>'
        f'<text x="{x + 12}" y="{y + 4}" font-size="12">{meeting}</text>'
    )
    return parts
