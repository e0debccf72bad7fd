import calendar
import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common import clock
from common.labels import day_text
from common.models import TimeStampedModel
from common.pairs import pair_key
from common.validators import validate_one_line
from partners.models import Organisation
from projects.models import Partnership, Project

from .links import validate_submission_link


def partner_ids(project: Project) -> set[int]:
    # A caller checking many rows of one project at once (an import) reads the partners once
    # and leaves them on the project while it checks.
    known = getattr(project, "known_partner_ids", None)
    if known is not None:
        return known
    return set(
        Partnership.objects.filter(project=project).values_list("organisation_id", flat=True)
    )


def month_end(day: date) -> date:
    """The last day of the day's month: where a due date "to be confirmed" is kept."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(first_day: date, months: int) -> date:
    month = first_day.month - 1 + months
    return first_day.replace(year=first_day.year + month // 12, month=month % 12 + 1)


def lead_not_partner_message() -> str:
    return gettext("The lead must be a partner of the project.")


def not_partners_message(names: list[str]) -> str:
    """Why contributors are refused: the same words for one (the admin's inline row) or many."""
    return ngettext(
        "%(names)s is not a partner of the project; a contributor must be one.",
        "%(names)s are not partners of the project; contributors must be.",
        len(names),
    ) % {"names": ", ".join(names)}


class WorkPackage(TimeStampedModel):
    """A work package, or project result (an Intellectual Output before 2021)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages")
    code = models.CharField(
        max_length=20, help_text=_("e.g. WP2, IO1, PR3"), validators=[validate_one_line]
    )
    title = models.CharField(max_length=300, validators=[validate_one_line])
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_work_packages"
    )
    # Months counted from the project's start (M1), as the application form plans them: they
    # stay true when the agreement moves the start date.
    start_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("First month, counted from the project's start (M1).")
    )
    end_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Last month, counted from the project's start.")
    )
    position = models.PositiveIntegerField(default=0, help_text=_("Order in the work plan."))

    class Meta:
        ordering = ["project", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                name="work_package_code_unique",
                violation_error_message=_("The project already has a work package with this code."),
            ),
            models.CheckConstraint(
                condition=(Q(start_month__isnull=True) & Q(end_month__isnull=True))
                | Q(
                    start_month__isnull=False,
                    end_month__isnull=False,
                    start_month__gte=1,
                    end_month__gte=F("start_month"),
                ),
                name="work_package_period_in_order",
                violation_error_message=_(
                    "A work package's period runs from its first month (M1 or later) to a last "
                    "month no earlier; give both, or neither."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.code}: {self.title}"

    def clean(self):
        if not self.project_id:
            return
        errors = {}
        if self.lead_organisation_id and self.lead_organisation_id not in partner_ids(self.project):
            errors["lead_organisation"] = lead_not_partner_message()
        if (self.start_month is None) != (self.end_month is None):
            missing = "end_month" if self.end_month is None else "start_month"
            errors[missing] = gettext("Give both the first and the last month, or neither.")
        elif self.start_month is not None:
            months = self.project.duration_months
            if self.end_month < self.start_month:
                errors["end_month"] = gettext("The last month comes before the first.")
            for name in ("start_month", "end_month"):
                if not 1 <= getattr(self, name) <= months:
                    errors[name] = gettext(
                        "The project runs from M1 to M%(months)d (%(start)s to %(end)s)."
                    ) % {
                        "months": months,
                        "start": date_format(self.project.start_date, "F Y"),
                        "end": date_format(self.project.end_date, "F Y"),
                    }
        if errors:
            raise ValidationError(errors)

    @property
    def period_dates(self) -> tuple[date, date] | None:
        """The first day of its first month and the last day of its last month."""
        if self.start_month is None or self.end_month is None:
            return None
        start = self.project.start_date.replace(day=1)
        return add_months(start, self.start_month - 1), month_end(
            add_months(start, self.end_month - 1)
        )

    @property
    def period_label(self) -> str:
        """M3–M14, as the application form writes it; empty when not planned."""
        if self.start_month is None:
            return ""
        return f"M{self.start_month}–M{self.end_month}"


def open_deliverable() -> Q:
    """Not yet handed in: planned or in progress. What "open" means, everywhere."""
    return Q(status__in=Deliverable.OPEN_STATUSES)


def late_deliverable(today: date) -> Q:
    """Open and past its due date on `today`. What "late" means, everywhere."""
    return open_deliverable() & Q(due_date__lt=today)


class DeliverableQuerySet(models.QuerySet):
    def open(self):
        return self.filter(open_deliverable())

    def late(self, today: date):
        return self.filter(late_deliverable(today))

    def due_by(self, day: date):
        return self.filter(due_date__lte=day)

    def led_by(self, organisations):
        return self.filter(lead_organisation__in=organisations)


class Deliverable(TimeStampedModel):
    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide or report")
        TRAINING = "training", _("Training programme")
        TOOL = "tool", _("Tool or platform")
        EVENT = "event", _("Event")
        DISSEMINATION = "dissemination", _("Dissemination material")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    class DisseminationLevel(models.TextChoices):
        # The levels of the Erasmus+ results: published for all, or kept within the programme.
        PUBLIC = "PU", _("Public")
        SENSITIVE = "SEN", _("Sensitive")

    # Sent back by the coordinator, a deliverable is owed again: open, late after its due date,
    # reminded like any other.
    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.CHANGES_REQUESTED)
    # What a plan may set by hand; the others are reached by handing in and reviewing, which
    # record who and when.
    PLANNED_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deliverables")
    work_package = models.ForeignKey(
        WorkPackage,
        # A work package that still groups deliverables is not removed (see the services);
        # removing the whole project removes both.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="deliverables",
    )
    code = models.CharField(
        max_length=20, help_text=_("e.g. IO1, D2.3"), validators=[validate_one_line]
    )
    title = models.CharField(max_length=300, validators=[validate_one_line])
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.GUIDE)
    description = models.TextField(blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_deliverables"
    )
    contributors = models.ManyToManyField(
        Organisation,
        through="Contribution",
        blank=True,
        related_name="contributed_deliverables",
    )
    due_date = models.DateField()
    due_date_confirmed = models.BooleanField(
        default=True,
        help_text=_("Off when the plan gives only a month; the due date is then its last day."),
    )
    dissemination_level = models.CharField(
        max_length=3, choices=DisseminationLevel.choices, default=DisseminationLevel.PUBLIC
    )
    position = models.PositiveIntegerField(default=0, help_text=_("Order in its work package."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="approved_deliverables",
    )

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "code"]
        indexes = [
            # The API list's order, so a page is read from the index, not sorted from the table.
            models.Index(fields=["due_date", "code", "id"], name="deliverable_list_order"),
            # "Led by my organisations", counted and found by the pair (common/pairs.py).
            models.Index(
                pair_key("project_id", "lead_organisation_id"), name="deliverable_lead_pair"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="deliverable_approval_recorded",
                violation_error_message=_("An approved deliverable records when it was approved."),
            ),
            models.UniqueConstraint(
                fields=["project", "code"],
                name="deliverable_code_unique",
                violation_error_message=_("The project already has a deliverable with this code."),
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.code}: {self.title}"

    def clean(self):
        if not self.project_id:
            return
        errors = {}
        project = self.project
        if self.due_date and not project.covers(self.due_date):
            errors["due_date"] = gettext(
                "The due date must fall within the project's period, %(start)s to %(end)s."
            ) % {"start": day_text(project.start_date), "end": day_text(project.end_date)}
        elif (
            self.due_date
            and not self.due_date_confirmed
            and self.due_date != month_end(self.due_date)
        ):
            errors["due_date"] = gettext(
                "A due date to be confirmed is kept as the last day of its month, %(day)s."
            ) % {"day": day_text(month_end(self.due_date))}
        if self.lead_organisation_id and self.lead_organisation_id not in partner_ids(project):
            errors["lead_organisation"] = lead_not_partner_message()
        if self.work_package_id and self.work_package.project_id != self.project_id:
            errors["work_package"] = gettext("The work package belongs to another project.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.open_status(self.status)

    @classmethod
    def open_status(cls, status: str) -> bool:
        """is_open for a row already read as values (the timeline's groups)."""
        return status in cls.OPEN_STATUSES

    def is_late(self, today: date | None = None) -> bool:
        return self.late_on(self.status, self.due_date, today or clock.today())

    @classmethod
    def late_on(cls, status: str, due_date: date, today: date) -> bool:
        """late_deliverable() for a row already read (a model or a values() row)."""
        return status in cls.OPEN_STATUSES and due_date < today


class Contribution(TimeStampedModel):
    """An organisation that contributes to a deliverable it does not lead."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="contributions"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contributions"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "organisation"],
                name="contribution_unique",
                violation_error_message=_("This organisation already contributes."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} on {self.deliverable.code}"

    def clean(self):
        if not (self.deliverable_id and self.organisation_id):
            return
        if self.organisation_id not in partner_ids(self.deliverable.project):
            raise ValidationError(
                {"organisation": not_partners_message([self.organisation.short_name])}
            )


def submission_upload_path(submission: "Submission", filename: str) -> str:
    # The stored name is generated: a person's file name never becomes a path on disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"submissions/{timezone.now():%Y/%m}/{submission.token}.{suffix[:8]}"


class Submission(TimeStampedModel):
    """A file or a link handed in for a deliverable, by whom and when."""

    # A deliverable with submissions is not removed on its own (see the services), but a whole
    # project goes with everything in it.
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="submissions"
    )
    file = models.FileField(upload_to=submission_upload_path, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    link = models.URLField(max_length=500, blank=True, validators=[validate_submission_link])
    note = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="submissions",
    )
    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="submission_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="submission_file_or_link",
                violation_error_message=_("Give either a file or a link, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.deliverable.code} submitted {self.created_at:%Y-%m-%d}"

    @property
    def submitted_at(self):
        return self.created_at


class Review(TimeStampedModel):
    """One round of review: the coordinator's decision on what was handed in, and why."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="reviews")
    submission = models.ForeignKey(
        Submission, on_delete=models.SET_NULL, related_name="reviews", null=True, blank=True
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="reviews"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["deliverable", "-created_at"], name="review_thread_order")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="changes_requested") | ~Q(comment=""),
                name="review_changes_explained",
                violation_error_message=_("Say what should change."),
            ),
        ]

    def __str__(self):
        return f"{self.deliverable.code} {self.decision} {self.created_at:%Y-%m-%d}"

    @property
    def reviewed_at(self):
        return self.created_at
