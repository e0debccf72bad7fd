"""The bars and selects written in Python say what the templates they replace said."""

from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

from django import forms
from django.utils import translation

from portal.templatetags.bars import budget_bar, progress_bars
from portal.widgets import PlainSelect
from progress.selectors import ProjectProgress


def without_blank_lines(html: str) -> str:
    return "\n".join(line for line in str(html).splitlines() if line.strip())


def test_a_plain_select_writes_what_django_writes():
    choices = [("", "Any"), ("a&b", 'Tom & "Jerry" <b>'), ("2", "Two")]
    for value in ("", "a&b", "2", None):
        django = forms.Select(choices=choices, attrs={"id": "id_x", "required": True})
        plain = PlainSelect(choices=choices, attrs={"id": "id_x", "required": True})
        assert without_blank_lines(plain.render("x", value)) == without_blank_lines(
            django.render("x", value)
        )


def test_the_progress_bars_read_their_counts_in_the_readers_language():
    p = ProjectProgress(
        project_id=7,
        objectives=Counter(achieved=1, almost_achieved=2, at_risk=1, not_started=0),
        deliverables=Counter(approved=2, submitted=1, planned=5),
        deliverables_late=2,
    )
    html = progress_bars(p)
    assert html.startswith('<div id="progress-7" class="progress-bars">')
    assert 'aria-label="Objectives: 1 achieved, 2 almost, 1 at risk, of 4"' in html
    assert '<span class="achieved" style="width: 25.0%"></span>' in html
    assert '<span class="late" style="width: 25.0%"></span>' in html
    assert 'hx-swap-oob="true"' in progress_bars(p, oob=True)
    with translation.override("fr"):
        assert "Livrables : 2 approuvés, 1 remis, 2 en retard, sur 8" in progress_bars(p)


def test_the_budget_bar_writes_the_amounts_as_euros():
    figures = SimpleNamespace(
        earned=Decimal("18000"), at_risk=Decimal("147195"), planned=Decimal("185195"),
        earned_percent=10, at_risk_percent=79, mismatch="",
    )  # fmt: skip
    html = budget_bar(figures)
    assert "Earned €18,000.00, at risk €147,195.00, of €185,195.00" in html
    assert '<span class="money-at-risk" style="width: 79%"></span>' in html
    assert "do not add up" not in html
    figures.mismatch = "The budget's amounts add up to €185,194.00"
    assert "do not add up to the EU grant" in budget_bar(figures)
    assert "do not add up" not in budget_bar(figures, mismatch_said=True)
