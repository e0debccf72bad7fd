from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TARGET_LENGTH = 300
LINK_LENGTH = 500


class Event(models.Model):
    """Something that happened in a project: who did what to which thing, and when.

    A record, never edited. The target's label is kept as it read at the time, so the history
    still says what was removed or renamed; the sentence is written when read, in the reader's
    language (activity.wording), from the verb and the details.
    """

    class Verb(models.TextChoices):
        HANDED_IN = "handed_in", _("handed in")
        APPROVED = "approved", _("approved")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        MEETING_PLANNED = "meeting_planned", _("meeting planned")
        MEETING_MOVED = "meeting_moved", _("meeting moved")
        MEETING_CHANGED = "meeting_changed", _("meeting changed")
        MEETING_CANCELLED = "meeting_cancelled", _("meeting cancelled")
        MINUTES_RECORDED = "minutes_recorded", _("minutes recorded")
        ACTION_ITEM_ADDED = "action_item_added", _("action item added")
        SHEET_UPLOADED = "sheet_uploaded", _("signed attendance sheet uploaded")
        SHEET_REMOVED = "sheet_removed", _("signed attendance sheet removed")
        OBJECTIVE_CHANGED = "objective_changed", _("objective's status changed")
        PARTNER_ADDED = "partner_added", _("partner added")
        PARTNER_REMOVED = "partner_removed", _("partner removed")
        CONTACTS_CHANGED = "contacts_changed", _("contacts changed")
        WORK_PLAN_CHANGED = "work_plan_changed", _("work plan changed")
        PROJECT_CREATED = "project_created", _("project created")
        PROJECT_CHANGED = "project_changed", _("project changed")
        DISSEMINATION_LOGGED = "dissemination_logged", _("dissemination logged")
        RESULT_REGISTERED = "result_registered", _("result registered")

    # Named, not imported: the activity sits below the projects, so that their services, and
    # every app above, can record what they change.
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the tracker itself did it (a data load, a scheduled job)."),
    )
    verb = models.CharField(max_length=20, choices=Verb.choices)
    target = models.CharField(max_length=TARGET_LENGTH, help_text=_("As it read at the time."))
    link = models.CharField(max_length=LINK_LENGTH, blank=True, help_text=_("A path on this site."))
    details = models.JSONField(default=dict, blank=True, help_text='e.g. {"from": …, "to": …}')
    created_at = models.DateTimeField(default=timezone.now, db_index=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        # A project's activity page reads its newest events from this index.
        indexes = [
            models.Index(fields=["project", "-created_at", "-id"], name="event_project_newest")
        ]

    def __str__(self):
        return f"{self.project_id}: {self.verb} {self.target}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def newest_first(self):
        return self.order_by("-event__created_at", "-event_id")


class Notification(models.Model):
    """One reader's notice of an event; read once they open it (or mark all read)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-event_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"],
                name="notification_once_per_reader",
                violation_error_message=_("This person already has this notice."),
            ),
        ]
        indexes = [
            # The header's count on every page: the reader's unread notices only.
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self):
        return f"{self.recipient_id}: {self.event}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
