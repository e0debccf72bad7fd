"""The progress and budget bars, written in Python.

The dashboard draws both for each of the fifty projects of its page, and the project list for
each of the reader's projects: two included templates per row, with their `blocktranslate`s
and filters, were most of the dashboard's rendering. Same markup, same messages as the
templates that call these tags (portal/progress_bars.html, portal/budget_bar.html).
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.money import euros

from .deadlines import percent

register = template.Library()


def _bar(legend: str, segments: list[tuple[str, object]], warning: str = "") -> str:
    """One bar: its coloured segments (class, width in per cent) and the legend that reads it.

    Plain string building: the classes are this module's own and the widths numbers, so only
    the legend needs escaping (format_html per segment was a third of the dashboard's bars)."""
    legend = escape(legend)
    spans = "".join(
        f'<span class="{name}" style="width: {width}%"></span>' for name, width in segments
    )
    warning = f'\n  <div class="legend late-text">{escape(warning)}</div>' if warning else ""
    return (
        f'<div class="progress">\n  <div class="bar" role="img" aria-label="{legend}">\n'
        f'    {spans}\n  </div>\n  <div class="legend">{legend}</div>{warning}\n</div>'
    )


@register.simple_tag
def progress_bars(p, oob: bool = False) -> str:
    """The objectives' and deliverables' bars of a project's progress (progress.selectors)."""
    objectives = p.objectives
    total = p.objectives_total
    achieved, almost, risk = (objectives[s] for s in ("achieved", "almost_achieved", "at_risk"))
    legend = _(
        "Objectives: %(achieved)s achieved, %(almost)s almost, %(risk)s at risk, of %(total)s"
    ) % {"achieved": achieved, "almost": almost, "risk": risk, "total": total}
    first = _bar(legend, [
        ("achieved", percent(achieved, total)), ("almost", percent(almost, total)),
        ("at_risk", percent(risk, total)),
    ])  # fmt: skip
    total = p.deliverables_total
    approved, submitted = p.deliverables["approved"], p.deliverables["submitted"]
    late = p.deliverables_late
    legend = _(
        "Deliverables: %(approved)s approved, %(submitted)s submitted, %(late)s late, of %(total)s"
    ) % {"approved": approved, "submitted": submitted, "late": late, "total": total}
    second = _bar(legend, [
        ("approved", percent(approved, total)), ("submitted", percent(submitted, total)),
        ("late", percent(late, total)),
    ])  # fmt: skip
    swap = ' hx-swap-oob="true"' if oob else ""
    # The legends are escaped by _bar; the rest is numbers and this module's own markup.
    return mark_safe(
        f'<div id="progress-{int(p.project_id)}" class="progress-bars"{swap}>\n'
        f"{first}\n{second}\n</div>"
    )


@register.simple_tag
def budget_bar(f, mismatch_said: bool = False) -> str:
    """Earned and at risk of the planned amount (grants.earning's figures), and whether the
    amounts add up to the grant unless the page says so already (`mismatch_said`)."""
    legend = _("Earned %(earned)s, at risk %(at_risk)s, of %(planned)s") % {
        "earned": euros(f.earned), "at_risk": euros(f.at_risk), "planned": euros(f.planned)
    }  # fmt: skip
    warning = (
        _("The amounts do not add up to the EU grant: split the budget again.")
        if f.mismatch and not mismatch_said
        else ""
    )
    segments = [("earned", f.earned_percent), ("money-at-risk", f.at_risk_percent)]
    bar = _bar(legend, segments, warning)
    return mark_safe(bar)  # the legend is escaped by _bar, the rest is numbers
