"""What a project's grant is made of: its funding model, the amounts per work package or budget
heading and partner, and the programme's figures (allowed lump sums, unit-cost rates) that
officers keep in the administration.

Every amount is euros with two decimal places; the sums that span rows (the split adding up to
the grant, project management's share) are checked by grants.services, the one way in.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from deliverables.models import WorkPackage
from partners.models import Organisation
from projects.models import Project


def money(verbose_name, **options) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **options)


def not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message=_("An amount cannot be negative."),
    )


class FundingModel(models.TextChoices):
    LUMP_SUM = "lump_sum", _("Lump sum by work package")
    HEADINGS = "headings", _("Budget headings with unit costs")


class Heading(models.TextChoices):
    """The budget headings of the 2014–2020 strategic partnerships (KA202, KA204)."""

    MANAGEMENT = "management", _("Project management and implementation")
    MEETINGS = "meetings", _("Transnational project meetings")
    OUTPUTS = "outputs", _("Intellectual outputs")
    MULTIPLIER = "multiplier", _("Multiplier events")
    TRAINING = "training", _("Learning, teaching and training activities")
    EXCEPTIONAL = "exceptional", _("Exceptional costs")


class AllowedLumpSum(models.Model):
    """One amount a call allows for an action: KA220 of the 2022 call, 250,000 EUR."""

    call_year = models.PositiveSmallIntegerField(help_text=_("The year of the call, e.g. 2022."))
    action = models.CharField(max_length=10, choices=Project.Action.choices)
    amount = money("amount (EUR)")

    class Meta:
        ordering = ["-call_year", "action", "amount"]
        verbose_name = "allowed lump sum"
        constraints = [
            models.UniqueConstraint(
                fields=["call_year", "action", "amount"],
                name="allowed_lump_sum_unique",
                violation_error_message=_("This call already allows this amount for this action."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="allowed_lump_sum_positive",
                violation_error_message=_("An allowed lump sum is more than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.action} {self.call_year}: {self.amount} EUR"


class UnitCostRate(models.Model):
    """A unit cost of the 2014–2020 programme, as the programme guide of its year gives it."""

    class DistanceBand(models.TextChoices):
        NONE = "", "—"
        KM_100_1999 = "100-1999", "100–1999 km"
        KM_2000_PLUS = "2000+", "2000 km or more"

    class CountryGroup(models.TextChoices):
        NONE = "", "—"
        A = "A", "Group A"
        B = "B", "Group B"
        C = "C", "Group C"
        D = "D", "Group D"

    class ParticipantType(models.TextChoices):
        NONE = "", "—"
        COORDINATOR = "coordinator", "Coordinating organisation"
        PARTNER = "partner", "Other participating organisation"
        PARTICIPANT = "participant", "Participant"
        LOCAL = "local", "Local participant"
        INTERNATIONAL = "international", "International participant"
        MANAGER = "manager", "Manager"
        TRAINER = "trainer", "Teacher, trainer, researcher, youth worker"
        TECHNICIAN = "technician", "Technician"
        ADMINISTRATIVE = "administrative", "Administrative staff"

    class Unit(models.TextChoices):
        MONTH = "month", "per month"
        PARTICIPANT = "participant", "per participant"
        DAY = "day", "per working day"

    programme_year = models.PositiveSmallIntegerField(
        help_text=_("The year of the programme guide (and call) the rate belongs to.")
    )
    heading = models.CharField(max_length=12, choices=Heading.choices)
    distance_band = models.CharField(max_length=10, choices=DistanceBand.choices, blank=True)
    country_group = models.CharField(max_length=1, choices=CountryGroup.choices, blank=True)
    participant_type = models.CharField(max_length=15, choices=ParticipantType.choices, blank=True)
    unit = models.CharField(max_length=12, choices=Unit.choices)
    amount = money("rate (EUR)")
    source = models.CharField(max_length=300, blank=True, help_text=_("Where the rate is written."))

    class Meta:
        ordering = ["-programme_year", "heading", "participant_type", "country_group"]
        verbose_name = "unit-cost rate"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "programme_year",
                    "heading",
                    "distance_band",
                    "country_group",
                    "participant_type",
                ],
                name="unit_cost_rate_unique",
                violation_error_message=_(
                    "This year already has a rate for this heading, band, "
                    "country group and participant type."
                ),
            ),
            not_negative("amount", "unit_cost_rate_not_negative"),
        ]

    def __str__(self):
        qualifiers = [
            self.get_distance_band_display() if self.distance_band else "",
            self.get_country_group_display() if self.country_group else "",
            self.get_participant_type_display() if self.participant_type else "",
        ]
        described = ", ".join(q for q in qualifiers if q)
        return (
            f"{self.programme_year} {self.get_heading_display()} ({described}): "
            f"{self.amount} EUR {self.get_unit_display()}"
        )


class Budget(TimeStampedModel):
    """A project's budget: how its grant is paid and split."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="budget")
    funding_model = models.CharField(max_length=10, choices=FundingModel.choices)
    management_work_package = models.ForeignKey(
        WorkPackage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The work package of project management: at most 20 per cent of a lump sum."),
    )
    illustrative = models.BooleanField(
        default=False,
        help_text=_("An example, not the grant agreement: shown as such on every page."),
    )

    def __str__(self):
        return f"Budget of {self.project}"


class LumpSumShare(models.Model):
    """A partner's share of a work package's part of the lump sum."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lump_sum_shares")
    work_package = models.ForeignKey(
        WorkPackage, on_delete=models.CASCADE, related_name="lump_sum_shares"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="lump_sum_shares"
    )
    amount = money("amount (EUR)")

    class Meta:
        ordering = ["work_package__position", "work_package__code", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "work_package", "organisation"],
                name="lump_sum_share_unique",
                violation_error_message=_("This partner already has a share of this work package."),
            ),
            not_negative("amount", "lump_sum_share_not_negative"),
        ]

    def __str__(self):
        return f"{self.work_package.code} {self.organisation}: {self.amount}"


class HeadingAmount(models.Model):
    """A partner's planned amount under one budget heading."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="heading_amounts")
    heading = models.CharField(max_length=12, choices=Heading.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="heading_amounts"
    )
    amount = money("amount (EUR)")

    class Meta:
        ordering = ["heading", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "heading", "organisation"],
                name="heading_amount_unique",
                violation_error_message=_("This partner already has an amount under this heading."),
            ),
            not_negative("amount", "heading_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_heading_display()} {self.organisation}: {self.amount}"
