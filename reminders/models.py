"""What was reminded to whom: the claims that make every reminder go out once.

A Reminder row is the claim. Its key (item, the item's date, window, recipient) is unique, so a
second run, a retry or a second worker inserting the same reminder inserts nothing. Reminders
are gathered into one Digest per person and run: a reminder names the run whose digest holds
it, and that digest is the run's for its recipient (unique), so a reminder is written into its
digest as it is claimed; one that waits (a weekly reader's, until Monday) names no run yet. The
digest's status moves pending → sending → sent (or failed), each step a conditional update, so
only one worker ever sends it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Person
from projects.models import Project


class ReminderRun(models.Model):
    """One scan of the deadlines, by the daily job or by `send_reminders`."""

    day = models.DateField(help_text=_("The day the run reminded for."))
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    claimed = models.PositiveIntegerField(default=0, help_text=_("New reminders recorded."))
    digests = models.PositiveIntegerField(default=0, help_text=_("E-mails prepared."))
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    gaps = models.TextField(
        blank=True,
        help_text=_("Reminders nobody could receive: fix these so the next ones arrive."),
    )

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"Reminders for {self.day:%Y-%m-%d} (run {self.pk})"


class Digest(models.Model):
    """The one e-mail a person gets from a run, gathering all their reminders."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"  # why: last_error (no address, or nothing left)

    run = models.ForeignKey(ReminderRun, on_delete=models.CASCADE, related_name="digest_set")
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="digests")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["run", "recipient"], name="digest_once_per_run"),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="digest_status_claimed")]

    def __str__(self):
        return f"Digest for {self.recipient} ({self.get_status_display().lower()})"


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DELIVERABLE = "deliverable", "Deliverable"
        ACTION_ITEM = "action_item", "Action item"
        MEETING = "meeting", "Meeting"
        INTERIM_REPORT = "interim_report", "Interim report"
        FINAL_REPORT = "final_report", "Final report"
        BUDGET_AT_RISK = "budget_at_risk", "Budget line at risk"

    class Role(models.TextChoices):
        LEAD = "lead", "Lead organisation's contact"
        COORDINATOR = "coordinator", "Coordinator, told of what is late"
        OWNER = "owner", "Owner"
        PARTICIPANT = "participant", "Participant"
        COPY = "copy", "Officer's copy"

    kind = models.CharField(max_length=15, choices=Kind.choices)
    item_id = models.BigIntegerField(
        help_text=_("The deliverable, action item, meeting or project (reports, budget).")
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    item_date = models.DateField(help_text=_("The due date or first day the window counts from."))
    window = models.CharField(
        max_length=20,
        help_text=_("before-30, before-7, due, overdue-0 (the day after), overdue-1 …"),
    )
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    role = models.CharField(max_length=12, choices=Role.choices)
    run = models.ForeignKey(
        ReminderRun,
        on_delete=models.PROTECT,  # a run is history: deleted, its sent reminders went again
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the index on (run, recipient) starts with it
        help_text=_("The run whose digest sends it; none while it waits for its reader's day."),
    )
    # The run's digest for the recipient: no column of its own, the pair is the digest's key.
    digest = models.ForeignObject(
        Digest,
        from_fields=["run", "recipient"],
        to_fields=["run", "recipient"],
        on_delete=models.DO_NOTHING,
        null=True,
        related_name="reminders",
        serialize=False,  # no column: dumped, it wrote str(digest), which loaddata refuses
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["item_date", "kind", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "item_id", "item_date", "window", "recipient"],
                name="reminder_once",
            ),
        ]
        indexes = [
            models.Index(fields=["run", "recipient"], name="reminder_in_digest"),
            models.Index(
                fields=["recipient"], condition=Q(run__isnull=True), name="reminder_waiting"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.item_id} {self.window} → {self.recipient}"
