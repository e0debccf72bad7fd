import secrets
import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common import clock
from common.labels import day_text
from common.models import PLAUSIBLE_DATE, TimeStampedModel, plausible_dates
from common.text import fold
from partners.models import Organisation, Person
from projects import access
from projects.models import Partnership, Project


def constraint_message(instance, name: str) -> str:
    constraint = next(c for c in instance._meta.constraints if c.name == name)
    return constraint.get_violation_error_message()


class MeetingQuerySet(models.QuerySet):
    def between(self, first: date, last: date):
        """Meetings with at least one day inside the period."""
        return self.filter(start_date__lte=last, end_date__gte=first)

    def governance(self):
        return self.filter(kind=Meeting.Kind.GOVERNANCE)

    def upcoming(self, today: date):
        """Meetings not over on `today`: to come, or under way."""
        return self.filter(end_date__gte=today)

    def of_people(self, people):
        """A person's meetings: those they take part in, and every meeting of a project they
        are a contact person in. The one rule behind the pages, the API, the calendar feed and
        the reminders. Taking part in a project's meeting counts while the person works for one
        of its partners (the database rule checks it when they are added; checked here again so
        that an organisation leaving the project, or a person leaving it, takes the meeting
        away too)."""
        taking_part = Meeting.participants.through.objects.filter(person__in=people).filter(
            Q(meeting__project__isnull=True)
            | Q(meeting__project__partnerships__organisation=F("person__organisation"))
        )
        contact_in = Partnership.objects.filter(contacts__in=people)
        of_my_projects = Meeting.objects.filter(project__in=contact_in.values("project_id"))
        # One set of ids, not an OR of two: PostgreSQL estimated three-quarters of the table
        # for a partner's few hundred meetings, and that estimate was the list's count.
        ids = (
            taking_part.order_by()
            .values("meeting_id")
            .union(of_my_projects.order_by().values("pk"))
        )
        return self.filter(pk__in=ids)

    def visible_to(self, user):
        """What the user may read: every meeting for an officer, otherwise their own
        (of_people), the same answer in every channel."""
        if access.is_officer(user):
            return self
        if not user.is_authenticated:
            return self.none()
        # By the person's id when it came with the user, as access.contact_partnerships.
        person_id = getattr(user, "_person_id", None)
        return self.of_people(
            Person.objects.filter(user=user) if person_id is None else [person_id]
        )


def partner_people(project_id: int):
    """The people of a project's partner organisations: who may own its actions and take part
    in its meetings."""
    return Person.objects.filter(organisation__partnerships__project_id=project_id)


# Kinds that only make sense inside a project; a governance meeting never belongs to one.
PROJECT_KINDS = ["kick_off", "transnational", "training", "multiplier"]


class Meeting(TimeStampedModel):
    class Kind(models.TextChoices):
        KICK_OFF = "kick_off", _("Kick-off meeting")
        TRANSNATIONAL = "transnational", _("Transnational project meeting")
        TRAINING = "training", _("Learning, teaching and training activity")
        MULTIPLIER = "multiplier", _("Multiplier event")
        GOVERNANCE = "governance", _("Network governance meeting")
        EXTERNAL = "external", _("Outside meeting")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Empty for the network's own meetings and outside meetings."),
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    title = models.CharField(max_length=300)
    start_date = models.DateField(validators=PLAUSIBLE_DATE)
    end_date = models.DateField(validators=PLAUSIBLE_DATE)
    host_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    venue = models.CharField(max_length=200, blank=True, help_text=_("e.g. Paris la Villette"))
    city = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True)
    is_online = models.BooleanField("online (video)", default=False)
    # False while the plan gives only the month: the dates then hold its first day, and every
    # reader (pages, calendar, reminders, newsletter) says the month, never a day.
    dates_confirmed = models.BooleanField(_("dates confirmed"), default=True)
    participants = models.ManyToManyField(
        Person, blank=True, related_name="meetings", through="Participation"
    )
    agenda = models.TextField(_("agenda"), blank=True, max_length=10000)
    minutes = models.TextField(blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        # The API list's order, so a page is read from the index, not sorted from the table.
        indexes = [models.Index(fields=["start_date", "id"], name="meeting_list_order")]
        constraints = [
            plausible_dates("start_date", "end_date", name="meeting_dates_plausible"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=False) | ~Q(kind__in=PROJECT_KINDS),
                name="meeting_project_kind_has_project",
                violation_error_message=_(
                    "Kick-offs, project meetings, trainings and multiplier "
                    "events belong to a project: choose one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(dates_confirmed=True)
                | (Q(start_date__day=1) & Q(end_date=F("start_date"))),
                name="meeting_month_to_be_confirmed_on_first_day",
                violation_error_message=_(
                    "A meeting whose dates are to be confirmed is held on its month's first day."
                ),
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=True) | ~Q(kind="governance"),
                name="meeting_governance_has_no_project",
                violation_error_message=_("A network governance meeting belongs to no project."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:{'%d %b %Y' if self.dates_confirmed else '%b %Y'}})"

    def is_over(self, today: date) -> bool:
        """Its last day is behind `today`: the row MeetingQuerySet.upcoming leaves out."""
        return self.end_date < today

    def allowed_kinds(self) -> list[tuple[str, str]]:
        """The kinds its constraints allow it: a project's meeting is never the network's
        governance, and a network meeting (no project) never one of PROJECT_KINDS."""
        refused = {self.Kind.GOVERNANCE} if self.project_id else set(PROJECT_KINDS)
        return [(value, label) for value, label in self.Kind.choices if value not in refused]

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            # The constraint's own words, beside the field a person corrects.
            raise ValidationError(
                {"end_date": constraint_message(self, "meeting_ends_after_start")}
            )
        if (
            self.project_id
            and self.start_date
            and self.end_date
            and self.end_date >= self.start_date
        ):
            project = self.project
            first = project.start_date.replace(day=1) if not self.dates_confirmed else None
            if self.start_date < (first or project.start_date) or self.end_date > project.end_date:
                raise ValidationError(
                    {
                        "start_date": gettext(
                            "A project's meeting takes place within the project's period, "
                            "from %(start)s to %(end)s."
                        )
                        % {
                            "start": date_format(project.start_date),
                            "end": date_format(project.end_date),
                        }
                    }
                )

    @property
    def dates_text(self) -> str:
        """When, in the reader's language: '24 Sep 2018', '24–25 Sep 2018', or the month alone
        while the dates are to be confirmed. The one way pages, mails and the calendar say it."""
        if not self.dates_confirmed:
            return gettext("%(month)s (dates to be confirmed)") % {
                "month": day_text(self.start_date, "YEAR_MONTH_FORMAT")
            }
        if self.end_date == self.start_date:
            return day_text(self.start_date)
        # Days written once per language (common.labels): pages write this for every meeting.
        return f"{day_text(self.start_date)} – {day_text(self.end_date)}"

    @property
    def place(self) -> str:
        """Where, in the reader's language: 'online', or the venue and the city, the city left
        out when the venue already says it ('Paris la Villette', never 'Paris la Villette,
        Paris'). The one way a meeting's place is written: pages, API, mails, newsletter and
        calendar alike."""
        # Each read once: a translated field works out the reader's language on every read.
        return place_text(is_online=self.is_online, venue=self.venue, city=self.city)


def place_text(*, is_online: bool, venue: str, city: str) -> str:
    """Meeting.place from the versions already read: a list reads them once per page
    (MeetingSerializer), not through the descriptors for every row."""
    if is_online:
        return gettext("online")
    if venue and city and fold(city) not in fold(venue):
        return f"{venue}, {city}"
    return venue or city


class Participation(models.Model):
    """A person invited to a meeting, and, once it has taken place, whether they came.

    The table is the one the plain many-to-many used, so participants recorded before keep
    their rows (and the database rule that guards them)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    attended = models.BooleanField(_("attended"), default=False, db_default=False)

    class Meta:
        db_table = "meetings_meeting_participants"
        unique_together = [("meeting", "person")]

    def __str__(self):
        return f"{self.person} at {self.meeting}"


class MeetingCounts(models.Model):
    """How many were invited to a meeting and came, and how many of those the grant pays
    for: a row of the database view meetings/db_views.py makes, read with the meeting
    (participant_counts.py)."""

    meeting = models.OneToOneField(
        Meeting,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="counts",
    )
    people = models.IntegerField()
    people_attended = models.IntegerField()
    guests = models.IntegerField()
    guests_attended = models.IntegerField()
    eligible = models.IntegerField()
    local = models.IntegerField()

    class Meta:
        managed = False
        db_table = "meetings_participant_counts"

    def __str__(self):
        return f"counts of meeting {self.meeting_id}"


# What a person types as a name or an organisation: long enough for any real one, short enough
# that a page at a phone's width and the printed sheet still hold it.
NAME_LIMIT = 120
ORGANISATION_LIMIT = 200


class Guest(TimeStampedModel):
    """Someone from outside the project's partners who takes part in one of its meetings: a
    name on the list of participants, never a login, a feed or a reminder.

    Erased on request: the name and e-mail go, what the grant counts (organisation, country,
    type, attendance) stays."""

    class Type(models.TextChoices):
        STAFF = "staff", _("Staff")
        LEARNER = "learner", _("Learner")
        STAKEHOLDER = "stakeholder", _("Stakeholder")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    # Checked, not narrowed in the database: names stored before the limits stay readable.
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[MaxLengthValidator(NAME_LIMIT)]
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=300, validators=[MaxLengthValidator(ORGANISATION_LIMIT)]
    )
    country = CountryField(_("country"))
    type = models.CharField(
        _("type"), max_length=12, choices=Type.choices, default=Type.STAKEHOLDER
    )
    email = models.EmailField(_("e-mail"), blank=True)
    email_consent = models.BooleanField(
        _("agrees to be contacted by e-mail"), default=False, db_default=False
    )
    attended = models.BooleanField(_("attended"), default=False)
    signed_in_online = models.BooleanField(default=False, db_default=False)
    erased = models.BooleanField(default=False, db_default=False)
    # Set by who runs the project when the organisation typed is a partner's under another
    # spelling ("Cité des métiers (Paris)"): the guest is then not eligible (participant_counts).
    from_partner = models.BooleanField(
        _("from a partner organisation"), default=False, db_default=False
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email="") | Q(email_consent=True),
                name="guest_email_only_with_consent",
                violation_error_message=_(
                    "An e-mail address is kept only with the person's "
                    "consent: tick the consent or leave the e-mail empty."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(erased=False) & ~Q(name=""))
                | (Q(erased=True) & Q(name="") & Q(email="")),
                name="guest_named_unless_erased",
                violation_error_message=_("A participant has a name, until they are erased."),
            ),
        ]

    def __str__(self):
        return f"{self.name or '—'} ({self.organisation_name})"

    def clean(self):
        if self.email and not self.email_consent:
            raise ValidationError(
                {
                    "email": gettext(
                        "An e-mail address is kept only with the person's consent: tick the "
                        "consent or leave the e-mail empty."
                    )
                }
            )
        if not self.erased and not self.name.strip():
            raise ValidationError({"name": gettext("Give the participant's name.")})


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        """Not done yet. What an open action item means, everywhere."""
        return self.exclude(status=ActionItem.Status.DONE)

    def late(self, today: date):
        """Open and past its due date on `today`."""
        return self.open().filter(due_date__lt=today)


class ActionItem(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="action_items")
    due_date = models.DateField(validators=PLAUSIBLE_DATE)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["due_date", "id"], name="action_item_list_order")]

    def __str__(self):
        return self.description

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DONE

    def is_late(self, today: date) -> bool:
        """ActionItemQuerySet.late for a row already read."""
        return self.is_open and self.due_date < today

    def clean(self):
        if not (self.meeting_id and self.owner_id and self.meeting.project_id):
            return
        if not partner_people(self.meeting.project_id).filter(pk=self.owner_id).exists():
            raise ValidationError(
                {"owner": gettext("The owner must work for a partner of the meeting's project.")}
            )


def signed_sheet_path(sheet: "SignedSheet", filename: str) -> str:
    # Generated, as deliverables' files are: a person's file name never becomes a path on disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attendance/{timezone.now():%Y/%m}/{sheet.token}.{suffix[:8]}"


class SignedSheet(TimeStampedModel):
    """The signed list of participants, scanned: the evidence the grant asks for."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="signed_sheets")
    file = models.FileField(upload_to=signed_sheet_path)
    original_filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    # The tracker's day (common.clock), as every date the pages show: a demo's upload is dated
    # in the demo's world, not years after the meeting it proves.
    uploaded_on = models.DateField(_("uploaded on"), default=clock.today)

    class Meta:
        ordering = ["-uploaded_on", "-created_at", "-id"]

    def __str__(self):
        return f"{self.original_filename} ({self.meeting})"


def new_sign_in_token() -> str:
    # 32 random bytes: guessing one is hopeless, and the rate limits make trying slow too.
    return secrets.token_urlsafe(32)


class OnlineSignIn(models.Model):
    """An event's sign-in page: a link (and its QR code) where people sign themselves in
    without an account, while the coordinator keeps it open and on the event's days only."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="online_sign_in")
    token = models.CharField(max_length=64, unique=True, default=new_sign_in_token)
    is_open = models.BooleanField(default=True)
    language = models.CharField(
        _("language of the page"),
        max_length=10,
        default="en",
        help_text=_("One of LANGUAGES; not a choice list: a new catalogue needs no migration."),
    )

    def __str__(self):
        return f"Sign-in for {self.meeting}"
