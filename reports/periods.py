"""The period a report pack covers: the interim report's, from the project's start to the
interim report's date (or to today when the agreement sets none), or the final report's, the
whole project."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

INTERIM, FINAL = "interim", "final"
PERIODS = {INTERIM: gettext_lazy("Interim report"), FINAL: gettext_lazy("Final report")}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return str(PERIODS[self.kind])


def period_of(project, kind: str, *, today: date) -> Period:
    """The period of `kind` for the project; ValueError names the periods there are."""
    if kind not in PERIODS:
        raise ValueError(_("Choose the period: interim or final."))
    if kind == FINAL:
        return Period(FINAL, project.start_date, project.end_date)
    end = project.interim_report_due or min(today, project.end_date)
    return Period(INTERIM, project.start_date, max(end, project.start_date))
