from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Every row knows when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


# Dates outside these bounds are typing mistakes, and near the end of the calendar they break
# the date arithmetic of reports and calendars (a final report 60 days after 31 Dec 9999).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
PLAUSIBLE_DATE = [
    MinValueValidator(EARLIEST_DATE, _("Enter a date from the year 2000 on.")),
    MaxValueValidator(LATEST_DATE, _("Enter a date before the year 2101.")),
]


def plausible_dates(*fields: str, name: str) -> models.CheckConstraint:
    """A constraint keeping each date field within PLAUSIBLE_DATE's bounds."""
    condition = models.Q()
    for field in fields:
        condition &= models.Q(**{f"{field}__gte": EARLIEST_DATE, f"{field}__lte": LATEST_DATE})
    return models.CheckConstraint(
        condition=condition, name=name, violation_error_message=_("Enter dates from 2000 to 2100.")
    )
