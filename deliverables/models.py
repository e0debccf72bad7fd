import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import clock
from common.models import TimeStampedModel
from partners.models import Organisation
from projects.models import Partnership, Project

from .links import validate_submission_link


def partner_ids(project: Project) -> set[int]:
    return set(
        Partnership.objects.filter(project=project).values_list("organisation_id", flat=True)
    )


class WorkPackage(TimeStampedModel):
    """A work package, or project result (an Intellectual Output before 2021)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages")
    code = models.CharField(max_length=20, help_text="e.g. WP2, IO1, PR3")
    title = models.CharField(max_length=300)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_work_packages"
    )

    class Meta:
        ordering = ["project", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                name="work_package_code_unique",
                violation_error_message="The project already has a work package with this code.",
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.code}: {self.title}"

    def clean(self):
        if not (self.project_id and self.lead_organisation_id):
            return
        if self.lead_organisation_id not in partner_ids(self.project):
            raise ValidationError(
                {"lead_organisation": "The lead must be a partner of the project."}
            )


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

    # Sent back by the coordinator, a deliverable is owed again: open, late after its due date,
    # reminded like any other.
    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.CHANGES_REQUESTED)
    # What a plan may set by hand; the others are reached by handing in and reviewing, which
    # record who and when.
    PLANNED_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deliverables")
    work_package = models.ForeignKey(
        WorkPackage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliverables",
    )
    code = models.CharField(max_length=20, help_text="e.g. IO1, D2.3")
    title = models.CharField(max_length=300)
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
        # The API list's order, so a page is read from the index, not sorted from the table.
        indexes = [models.Index(fields=["due_date", "code", "id"], name="deliverable_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="deliverable_approval_recorded",
                violation_error_message="An approved deliverable records when it was approved.",
            ),
            models.UniqueConstraint(
                fields=["project", "code"],
                name="deliverable_code_unique",
                violation_error_message="The project already has a deliverable with this code.",
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
            errors["due_date"] = (
                f"The due date must fall within the project's period, "
                f"{project.start_date:%d %b %Y} to {project.end_date:%d %b %Y}."
            )
        if self.lead_organisation_id and self.lead_organisation_id not in partner_ids(project):
            errors["lead_organisation"] = "The lead must be a partner of the project."
        if self.work_package_id and self.work_package.project_id != self.project_id:
            errors["work_package"] = "The work package belongs to another project."
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

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
                violation_error_message="This organisation already contributes.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} on {self.deliverable.code}"

    def clean(self):
        if not (self.deliverable_id and self.organisation_id):
            return
        if self.organisation_id not in partner_ids(self.deliverable.project):
            raise ValidationError(
                {"organisation": "A contributor must be a partner of the project."}
            )


def submission_upload_path(submission: "Submission", filename: str) -> str:
    # The stored name is generated: a person's file name never becomes a path on disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"submissions/{timezone.now():%Y/%m}/{submission.token}.{suffix[:8]}"


class Submission(TimeStampedModel):
    """A file or a link handed in for a deliverable, by whom and when."""

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
                violation_error_message="Give either a file or a link, not both.",
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
                violation_error_message="Say what should change.",
            ),
        ]

    def __str__(self):
        return f"{self.deliverable.code} {self.decision} {self.created_at:%Y-%m-%d}"

    @property
    def reviewed_at(self):
        return self.created_at
