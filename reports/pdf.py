"""The report pack as a PDF (A4) a coordinator attaches to the report: the EU emblem and the
funding acknowledgement, then each part of the pack. Self-contained: nothing is fetched."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from common.labels import choice_label
from grants.models import FundingModel
from meetings.eu_emblem import emblem_svg

from .gathering import ReportPack


def report_pack_pdf(pack: ReportPack, *, language: str) -> bytes:
    """The pack in the active language; every text that came from a person is escaped."""
    budget = pack.budget
    page = render_to_string(
        "reports/pack.html",
        {
            "pack": pack,
            "project": pack.project,
            "action": choice_label(pack.project, "action"),
            "budget": budget,
            "funding_model": str(FundingModel(budget.funding_model).label) if budget else "",
            "emblem": mark_safe(emblem_svg()),  # computed figures only: nothing to escape
            "language": language,
        },
    )
    return HTML(string=page, url_fetcher=fetch_nothing).write_pdf()


def fetch_nothing(url: str, *args, **kwargs):
    """A URL typed into a title or a link is printed, never fetched by the server."""
    raise ValueError(f"The report pack fetches nothing; refused {url!r}.")
