from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel


class NewsletterIssue(TimeStampedModel):
    """The newsletter's project news for a period and a language: what the tracker drafted,
    and what the editor made of it (kept apart, so a new draft never overwrites an edit)."""

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        FRENCH = "fr", "Français"
        GERMAN = "de", "Deutsch"
        SPANISH = "es", "Español"
        ITALIAN = "it", "Italiano"
        PORTUGUESE = "pt", "Português"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    period_start = models.DateField()
    period_end = models.DateField()
    language = models.CharField(max_length=2, choices=Language.choices)
    generated_content = models.TextField(help_text=_("Markdown drafted from the data."))
    edited_content = models.TextField(blank=True, help_text=_("The editor's version, if any."))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    gaps = models.TextField(
        blank=True, help_text=_("What the data lacked (a meeting without a city, …): worth fixing.")
    )
    gap_notes = models.JSONField(
        default=list, blank=True, help_text=_("The same gaps as notes, put into words when read.")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(
        default=0, help_text=_("Subscribers the published issue was sent to.")
    )

    class Meta:
        ordering = ["-period_start", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end", "language"],
                name="newsletter_issue_once_per_period_and_language",
                violation_error_message=_(
                    "There is already an issue for this period and language."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="newsletter_period_ends_after_start",
                violation_error_message=_("The period must end on or after its first day."),
            ),
        ]

    def __str__(self):
        period = f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"
        return f"Newsletter {period} ({self.language})"

    @property
    def content(self) -> str:
        """What goes out: the editor's version when there is one."""
        return self.edited_content or self.generated_content


class Subscriber(TimeStampedModel):
    """Someone who asked for the newsletter from the public page; no account needed."""

    email = models.EmailField()
    language = models.CharField(
        max_length=2, choices=NewsletterIssue.Language.choices, default="en"
    )
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Set when they followed the link of the confirmation mail."),
    )

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="subscriber_email_unique",
                violation_error_message=_("This address is already subscribed."),
            ),
        ]

    def __str__(self):
        return self.email


class Delivery(models.Model):
    """One issue to one subscriber: claimed before it is sent, so it goes out once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once"),
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber}"
