import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.languages import SPOKEN_LANGUAGES
from common.models import TimeStampedModel
from common.pairs import paired_ids
from common.validators import web_address

# Erasmus+ Organisation ID (since 2021): "E" and eight digits, e.g. E10123456.
OID_PATTERN = r"^E[0-9]{8}$"
# Participant Identification Code of the older Participant Portal: nine digits.
PIC_PATTERN = r"^[0-9]{9}$"


class Organisation(TimeStampedModel):
    class Type(models.TextChoices):
        CAREER_CENTRE = "career_centre", "Career guidance centre"
        NETWORK = "network", "Network or association"
        EDUCATION = "education", "School or training provider"
        HIGHER_EDUCATION = "higher_education", "University or research body"
        PUBLIC_BODY = "public_body", "Public authority or agency"
        FOUNDATION = "foundation", "Foundation or non-profit"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    name = models.CharField(
        max_length=255, help_text=_("The organisation's name in its own language.")
    )
    short_name = models.CharField(max_length=60, help_text=_("Used in lists, e.g. CdM Paris."))
    country = CountryField()
    city = models.CharField(max_length=120, blank=True)
    type = models.CharField(max_length=20, choices=Type.choices, default=Type.OTHER)
    oid = models.CharField(
        "Erasmus+ OID",
        max_length=9,
        blank=True,
        validators=[
            RegexValidator(OID_PATTERN, _("An OID is E followed by 8 digits, e.g. E10123456."))
        ],
    )
    pic = models.CharField(
        "PIC",
        max_length=9,
        blank=True,
        validators=[RegexValidator(PIC_PATTERN, _("A PIC is exactly 9 digits, e.g. 949123456."))],
    )
    website = models.URLField(blank=True, validators=[web_address])
    is_network_member = models.BooleanField("network member", default=False)

    class Meta:
        ordering = ["name"]
        # The API list's order, so a page is read from the index, not sorted from the table.
        indexes = [models.Index(fields=["name", "id"], name="organisation_list_order")]
        constraints = [
            paired_ids("organisation_id_paired"),  # in the lead pair of deliverables
            models.CheckConstraint(
                condition=Q(oid="") | Q(oid__regex=OID_PATTERN),
                name="organisation_oid_format",
                violation_error_message=_("An OID is E followed by 8 digits, e.g. E10123456."),
            ),
            models.CheckConstraint(
                condition=Q(pic="") | Q(pic__regex=PIC_PATTERN),
                name="organisation_pic_format",
                violation_error_message=_("A PIC is exactly 9 digits, e.g. 949123456."),
            ),
            models.UniqueConstraint(
                fields=["oid"],
                condition=~Q(oid=""),
                name="organisation_oid_unique",
                violation_error_message=_("Another organisation already has this OID."),
            ),
            models.UniqueConstraint(
                fields=["pic"],
                condition=~Q(pic=""),
                name="organisation_pic_unique",
                violation_error_message=_("Another organisation already has this PIC."),
            ),
        ]

    def __str__(self):
        return self.name


EMAIL_TAKEN = _("Another person already has this e-mail address.")


class Person(TimeStampedModel):
    """A contact person at an organisation, with or without a login."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(
        blank=True, help_text=_("Reminders go here; a person without one gets none.")
    )
    job_title = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    preferred_language = models.CharField(
        max_length=5,
        choices=SPOKEN_LANGUAGES,
        blank=True,
        help_text=_(
            "Blank until they choose: their pages follow the browser, their mails are in "
            "English. A language the tracker is not written in reads English."
        ),
    )

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly, on Mondays")
        OFF = "off", _("Off")

    reminder_frequency = models.CharField(
        "deadline reminders", max_length=6, choices=Frequency.choices, default=Frequency.DAILY
    )
    wants_reminder_copies = models.BooleanField(
        "copy of every reminder",
        default=False,
        help_text=_(
            "For project officers: a copy of all reminders of the projects in their charge."
        ),
    )
    calendar_token = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Secret part of the calendar feed address; renewing it revokes the old one."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("The login this person signs in with, if any."),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="person_list_order")]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="person_email_unique",
                violation_error_message=EMAIL_TAKEN,
            ),
        ]

    def __str__(self):
        return self.full_name

    def validate_constraints(self, exclude=None):
        """The unique e-mail is a constraint on an expression, which Django reports for the
        whole form; it is the address's problem, so it is reported beside it."""
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            general = error.error_dict.get(NON_FIELD_ERRORS, [])
            taken = [e for e in general if str(EMAIL_TAKEN) in e.messages]
            if taken:
                error.error_dict[NON_FIELD_ERRORS] = [e for e in general if e not in taken]
                if not error.error_dict[NON_FIELD_ERRORS]:
                    del error.error_dict[NON_FIELD_ERRORS]
                error.error_dict.setdefault("email", []).extend(taken)
            raise

    def clean(self):
        if not self.pk:
            return
        previous = Person.objects.filter(pk=self.pk).values_list("organisation_id", flat=True)
        if (
            previous
            and previous[0] != self.organisation_id
            and (self.partnerships.exists() or self.action_items.exists())
        ):
            raise ValidationError(
                {
                    "organisation": _(
                        "This person is a contact or owns action items for their "
                        "organisation; add them anew under the other organisation instead."
                    )
                }
            )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Invitation(TimeStampedModel):
    """A person's invitation to choose the password of their new login, mailed once (claimed
    like every other mail, common/claims.py) with a link that works until it expires, is used,
    or is replaced by a new invitation or the login's deactivation."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Replaced by a new invitation, or the login deactivated."),
    )
    # The mail's sending, as for reminder digests and newsletter deliveries.
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_person",
                violation_error_message=_("This person already has an invitation waiting."),
            ),
        ]

    def __str__(self):
        return f"Invitation of {self.person} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
