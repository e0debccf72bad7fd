"""The status colours, one per state, for every reader: the pages' styles, the project
timeline and the newsletter's charts. The pages' stylesheet (portal/static/portal/site.css)
cannot import them: it holds the same values under the CSS variables named here, and a test
keeps the two equal."""

STATUS_COLOURS = {
    "achieved": "#2e7d32",  # objectives achieved, deliverables approved
    "almost": "#8bc34a",  # objectives almost achieved
    "submitted": "#1976d2",  # deliverables handed in, awaiting approval
    "late": "#c62828",
    "open": "#b0b8c4",  # still to do
}

CSS_VARIABLES = {
    "achieved": "--ok",
    "almost": "--almost",
    "submitted": "--sent",
    "late": "--late",
    "open": "--open",
}
