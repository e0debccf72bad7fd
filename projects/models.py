from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from common.models import PLAUSIBLE_DATE, TimeStampedModel, plausible_dates
from common.pairs import paired_ids
from common.validators import validate_one_line, web_address
from partners.models import Organisation, Person

from . import references
from .roles import officer_accounts

FINAL_REPORT_DAYS_AFTER_END = 60
DEFAULT_DEADLINE_REMINDER_DAYS = [30, 7, 1]
DEFAULT_MEETING_REMINDER_DAYS = [14, 2]


def default_deadline_reminder_days() -> list[int]:
    return list(DEFAULT_DEADLINE_REMINDER_DAYS)


def default_meeting_reminder_days() -> list[int]:
    return list(DEFAULT_MEETING_REMINDER_DAYS)


def validate_reminder_days(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Give a list of days, e.g. [30, 7, 1]."))
    for days in value:
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
            raise ValidationError(
                _("%(days)s is not a number of days between 1 and 365.") % {"days": repr(days)}
            )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each number of days may appear once."))


class ProjectQuerySet(models.QuerySet):
    def running_on(self, day: date):
        return self.filter(start_date__lte=day, end_date__gte=day)


class Project(TimeStampedModel):
    class Action(models.TextChoices):
        KA202 = "KA202", _("KA202 – Strategic partnership for VET")
        KA204 = "KA204", _("KA204 – Strategic partnership for adult education")
        KA220_VET = "KA220-VET", _("KA220-VET – Cooperation partnership in VET")
        KA220_ADU = "KA220-ADU", _("KA220-ADU – Cooperation partnership in adult education")
        KA210 = "KA210", _("KA210 – Small-scale partnership")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IN_PREPARATION = "preparation", _("In preparation")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")
        FINAL_REPORT_SUBMITTED = "final_report", _("Final report submitted")

    acronym = models.CharField(max_length=30, validators=[validate_one_line])
    title = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    reference_number = models.CharField(
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                f"{references.LEGACY_PATTERN}|{references.CURRENT_PATTERN}",
                references.FORMAT_HELP,
            )
        ],
        help_text=_("Given by the national agency once the grant is awarded."),
    )
    national_agency = models.CharField(
        max_length=150, blank=True, help_text=_("e.g. FR01 – Agence Erasmus+ France")
    )
    start_date = models.DateField(validators=PLAUSIBLE_DATE)
    end_date = models.DateField(validators=PLAUSIBLE_DATE)
    eu_grant = models.DecimalField(
        "EU grant (EUR)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True, validators=[web_address])
    interim_report_due = models.DateField(null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects_in_charge",
        help_text=_("The network's project officer in charge; may receive copies of reminders."),
    )
    deadline_reminder_days = models.JSONField(
        default=default_deadline_reminder_days,
        validators=[validate_reminder_days],
        help_text=_("Days before a deadline that reminders go out, e.g. [30, 7, 1]."),
    )
    meeting_reminder_days = models.JSONField(
        default=default_meeting_reminder_days,
        validators=[validate_reminder_days],
        help_text=_("Days before a meeting that reminders go out, e.g. [14, 2]."),
    )
    # Set by the database alone, whenever a row the project's pages show changes (projects/
    # db_rules.py): what a cached page is keyed on. What a writer sends here is ignored.
    revision = models.BigIntegerField(default=0, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "acronym"]
        constraints = [
            paired_ids("project_id_paired"),  # in the lead pair of deliverables (common/pairs.py)
            models.UniqueConstraint(
                Upper("acronym"),
                name="project_acronym_unique",
                violation_error_message=_("Another project already uses this acronym."),
            ),
            models.UniqueConstraint(
                fields=["reference_number"],
                condition=~Q(reference_number=""),
                name="project_reference_unique",
                violation_error_message=_("Another project already has this reference number."),
            ),
            plausible_dates("start_date", "end_date", name="project_dates_plausible"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(reference_number="")
                | Q(reference_number__regex=references.LEGACY_PATTERN)
                | Q(reference_number__regex=references.CURRENT_PATTERN),
                name="project_reference_format",
                violation_error_message=references.FORMAT_HELP,
            ),
            models.CheckConstraint(
                condition=Q(eu_grant__isnull=True) | Q(eu_grant__gte=0),
                name="project_grant_not_negative",
                violation_error_message=_("The EU grant cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(interim_report_due__isnull=True)
                | Q(interim_report_due__gte=F("start_date")),
                name="project_interim_report_after_start",
                violation_error_message=_("The interim report cannot be due before the start."),
            ),
            models.CheckConstraint(
                condition=Q(interim_report_due__isnull=True)
                | Q(interim_report_due__lte=F("end_date")),
                name="project_interim_report_before_end",
                violation_error_message=_("The interim report cannot be due after the end."),
            ),
        ]

    def __str__(self):
        return self.acronym

    def clean(self):
        if self.officer_id and not officer_accounts().filter(pk=self.officer_id).exists():
            raise ValidationError(
                {"officer": _("The officer in charge must be an active project officer.")}
            )
        reference = self.reference_number
        if reference and references.is_valid_reference(reference):
            named = references.action_code(reference)
            if self.action and self.action != self.Action.OTHER and named != self.action:
                raise ValidationError(
                    {
                        "reference_number": _("This reference is for %(named)s, not %(action)s.")
                        % {"named": named, "action": self.action}
                    }
                )
        if self.pk and self.start_date and self.end_date:
            outside = self.deliverables.exclude(due_date__range=(self.start_date, self.end_date))
            if found := list(outside.order_by("due_date").values_list("code", "due_date")[:5]):
                codes = ", ".join(code for code, _due in found)
                # Beside the date that leaves them out: the end, unless all fall before the start.
                moved = "end_date" if found[-1][1] > self.end_date else "start_date"
                raise ValidationError(
                    {
                        moved: _(
                            "Deliverables %(codes)s would fall outside the project's period; "
                            "move their due dates first."
                        )
                        % {"codes": codes}
                    }
                )

    @property
    def final_report_due(self) -> date:
        return self.end_date + timedelta(days=FINAL_REPORT_DAYS_AFTER_END)

    @property
    def duration_months(self) -> int:
        months = (self.end_date.year - self.start_date.year) * 12
        return months + self.end_date.month - self.start_date.month + 1

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


class NetworkRevision(models.Model):
    """One row: its revision is set by the database whenever something that may show on any
    page changes (a person's name, a unit cost, the network's own meetings: projects/
    db_rules.py). Kept pages hold it in their key beside their projects' revisions."""

    revision = models.BigIntegerField(default=0, editable=False)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="network_revision_one_row")]

    def __str__(self):
        return f"network revision {self.revision}"

    @classmethod
    def current(cls) -> int:
        """The revision, the row made again if something took it away (a test's flush empties
        every table): made again, it has a revision no page was kept under."""
        return cls.objects.get_or_create(pk=1)[0].revision


class Partnership(TimeStampedModel):
    """An organisation's place in one project."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTNER)
    contacts = models.ManyToManyField(Person, blank=True, related_name="partnerships")

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                name="partnership_unique",
                violation_error_message=_("This organisation is already in the project."),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="coordinator"),
                name="partnership_one_coordinator",
                violation_error_message=_("The project already has a coordinator."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation.short_name or self.organisation} in {self.project}"


class Objective(TimeStampedModel):
    """One of a project's specific objectives."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        ALMOST_ACHIEVED = "almost_achieved", _("Almost achieved")
        ACHIEVED = "achieved", _("Achieved")
        AT_RISK = "at_risk", _("At risk")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=400)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"],
                name="objective_number_unique",
                violation_error_message=_("The project already has an objective with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="objective_number_positive",
                violation_error_message=_("Objectives are numbered from 1."),
            ),
        ]

    def __str__(self):
        return f"{self.project} objective {self.number}: {self.title}"


class ObjectiveStatusChange(models.Model):
    """Who moved an objective from which status to which, when and why. Never edited."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Objective.Status.choices)
    to_status = models.CharField(max_length=20, choices=Objective.Status.choices)
    comment = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="objective_status_changes",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        get_latest_by = "changed_at"
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="objective_change_changes_status",
                violation_error_message=_("A status change must change the status."),
            ),
        ]

    def __str__(self):
        return f"{self.objective}: {self.from_status} → {self.to_status}"
