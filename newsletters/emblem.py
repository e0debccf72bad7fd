"""The EU acknowledgement every Erasmus+ communication carries: the emblem and "Co-funded by the
European Union", drawn here (no file to fetch, so the PDF and mails stay self-contained)."""

import math

from django.utils.html import escape
from django.utils.translation import gettext as _

BLUE, GOLD = "#003399", "#FFCC00"


def star(cx: float, cy: float, radius: float) -> str:
    """A five-pointed star, one point up."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + r * math.cos(angle):.2f},{cy + r * math.sin(angle):.2f}")
    return f'<polygon points="{" ".join(points)}" fill="{GOLD}"/>'


def emblem_svg(height: int = 40) -> str:
    """The flag of Europe: twelve gold stars in a circle on blue, in the 3:2 proportions."""
    width = height * 3 / 2
    cx, cy, circle = width / 2, height / 2, height / 3
    stars = "".join(
        star(cx + circle * math.cos(i * math.pi / 6), cy + circle * math.sin(i * math.pi / 6),
             height / 18)
        for i in range(12)
    )  # fmt: skip
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.2f} {height}" role="img" aria-label="{escape(_("European Union"))}">'
        f'<rect width="{width:.2f}" height="{height}" fill="{BLUE}"/>{stars}</svg>'
    )


def acknowledgement_html() -> str:
    """The emblem beside "Co-funded by the European Union", in the active language."""
    words = escape(_("Co-funded by the European Union"))
    return (
        '<table role="presentation" style="margin-top: 24px; border-collapse: collapse;"><tr>'
        f'<td style="padding: 0 10px 0 0; vertical-align: middle;">{emblem_svg()}</td>'
        '<td style="font-family: Arial, sans-serif; font-size: 13px; font-weight: bold; '
        f'color: {BLUE}; vertical-align: middle;">{words}</td></tr></table>'
    )
