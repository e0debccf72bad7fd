"""The European flag as inline SVG, drawn from its geometry rather than fetched: twelve gold
five-pointed stars on a circle over blue, in the proportions the EU's graphic rules give
(height 2, width 3; the circle's radius a third of the height; each star's a eighteenth)."""

import math

BLUE = "#003399"
GOLD = "#FFCC00"
HEIGHT = 200
WIDTH = 300
# A regular five-pointed star: inner radius / outer radius = sin(18°) / sin(126°).
INNER_RATIO = math.sin(math.radians(18)) / math.sin(math.radians(126))


def star_points(cx: float, cy: float, outer: float) -> str:
    """One star, a point upwards, as a polygon's points."""
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * INNER_RATIO
        angle = math.radians(-90 + 36 * i)
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return " ".join(points)


def emblem_svg(height_mm: float = 16) -> str:
    """The flag as an <svg> element, `height_mm` high. Every figure in it is computed here,
    so it carries nothing from outside and is safe to mark safe in a template."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    ring, star = HEIGHT / 3, HEIGHT / 18
    stars = "".join(
        f'<polygon fill="{GOLD}" points="'
        + star_points(
            cx + ring * math.cos(math.radians(-90 + 30 * i)),
            cy + ring * math.sin(math.radians(-90 + 30 * i)),
            star,
        )
        + '"/>'
        for i in range(12)
    )
    width_mm = height_mm * WIDTH / HEIGHT
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{width_mm:g}mm" height="{height_mm:g}mm" role="img" '
        f'aria-label="European Union flag"><rect width="{WIDTH}" height="{HEIGHT}" '
        f'fill="{BLUE}"/>{stars}</svg>'
    )
