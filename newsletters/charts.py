"""A small SVG chart per project: objectives by status, deliverables done, late and open."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from common.colours import STATUS_COLOURS

from .selectors import ProgressItem

WIDTH, BAR, GAP, LABEL = 360, 14, 10, 110
COLOURS = {
    "achieved": STATUS_COLOURS["achieved"],
    "almost": STATUS_COLOURS["almost"],
    "remaining": STATUS_COLOURS["open"],
    "done": STATUS_COLOURS["submitted"],
    "late": STATUS_COLOURS["late"],
    "open": STATUS_COLOURS["open"],
}


def _bar(y: int, label: str, parts: list[tuple[str, int, str]]) -> str:
    total = sum(count for _key, count, _name in parts) or 1
    x, shapes = LABEL, [f'<text x="0" y="{y + BAR - 3}" font-size="10">{escape(label)}</text>']
    for key, count, name in parts:
        width = (WIDTH - LABEL) * count / total
        if count:
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{COLOURS[key]}"><title>{escape(name)}: {count}</title></rect>'
            )
            if width > 14:
                shapes.append(
                    f'<text x="{x + 3:.1f}" y="{y + BAR - 3}" font-size="9" '
                    f'fill="{"#fff" if key in ("achieved", "done", "late") else "#222"}">'
                    f"{count}</text>"
                )
        x += width
    return "".join(shapes)


def legend(y: int, entries: list[tuple[str, str]]) -> str:
    x, shapes = LABEL, []
    for key, name in entries:
        shapes.append(f'<rect x="{x}" y="{y}" width="8" height="8" fill="{COLOURS[key]}"/>')
        shapes.append(f'<text x="{x + 11}" y="{y + 8}" font-size="8">{escape(name)}</text>')
        x += 14 + 5 * len(name)
    return "".join(shapes)


def progress_chart(item: ProgressItem) -> str:
    """Two stacked bars, in the active language; every number also as a tooltip."""
    deliverables = item.progress.deliverables
    done = deliverables["approved"] + deliverables["submitted"]
    late = item.progress.deliverables_late
    open_ = item.progress.deliverables_total - done - late
    objectives = [
        ("achieved", len(item.achieved), _("achieved")),
        ("almost", len(item.almost), _("almost achieved")),
        ("remaining", len(item.remaining), _("under way")),
    ]
    work = [("done", done, _("handed in")), ("late", late, _("late")), ("open", open_, _("open"))]
    height = 2 * BAR + 3 * GAP + 24
    label = escape(_("Progress of %(acronym)s") % {"acronym": item.project.acronym})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{label}" '
        f'font-family="DejaVu Sans, Arial, sans-serif">'
        + _bar(0, _("Objectives"), objectives)
        + _bar(BAR + GAP, _("Deliverables"), work)
        + legend(2 * BAR + 2 * GAP, [(k, n) for k, _c, n in objectives])
        + legend(2 * BAR + 2 * GAP + 12, [(k, n) for k, _c, n in work])
        + "</svg>"
    )
