"""What a project made known (the dissemination log) and what it produced (the results
register), kept in the shape the Erasmus+ Project Results Platform asks for."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common import clock
from common.languages import SPOKEN_LANGUAGES
from common.models import PLAUSIBLE_DATE, TimeStampedModel, plausible_dates
from common.validators import WebAddressValidator, validate_one_line

TITLE_LENGTH = 300


def not_a_partner_message() -> str:
    return gettext("The organisation must be one of the project's partners.")


def language_choices() -> list[tuple[str, str]]:
    """The product's languages and the other EU and programme countries' ones, as ISO codes."""
    return sorted(SPOKEN_LANGUAGES.items(), key=lambda item: item[1])


def validate_language_codes(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_('Give the languages as a list of ISO codes, e.g. ["en", "fr"].'))
    unknown = sorted(set(value) - set(SPOKEN_LANGUAGES))
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s. Use ISO 639-1 codes such as en, fr, de.")
            % {"codes": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Give each language once."))


class Channel(models.TextChoices):
    WEBSITE = "website", _("Website")
    SOCIAL_MEDIA = "social_media", _("Social media")
    NEWSLETTER = "newsletter", _("Newsletter")
    PRESS = "press", _("Press")
    EVENT = "event", _("Event")
    CONFERENCE = "conference", _("Conference")
    PUBLICATION = "publication", _("Publication")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Other")


class Licence(models.TextChoices):
    CC_BY = "cc_by_4", "CC BY 4.0"
    CC_BY_SA = "cc_by_sa_4", "CC BY-SA 4.0"
    CC_BY_NC = "cc_by_nc_4", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc_by_nc_sa_4", "CC BY-NC-SA 4.0"
    CC0 = "cc0", "CC0 1.0"
    ALL_RIGHTS_RESERVED = "all_rights", _("All rights reserved")
    OTHER = "other", _("Other")


class DisseminationEntry(TimeStampedModel):
    """One thing a partner did to make the project known: a post, an article, a talk."""

    Channel = Channel

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="dissemination"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="dissemination",
        verbose_name=_("partner"),
        help_text=_("The partner who did it."),
    )
    title = models.CharField(_("what"), max_length=TITLE_LENGTH, validators=[validate_one_line])
    date = models.DateField(_("when"), validators=PLAUSIBLE_DATE)
    place = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text=_("A place, or the medium (a magazine, a website)."),
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    audience = models.PositiveIntegerField(
        _("audience reached"), null=True, blank=True, help_text=_("People reached, if known.")
    )
    link = models.URLField(
        _("link"), max_length=500, blank=True, validators=[WebAddressValidator()]
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("dissemination entry")
        verbose_name_plural = _("dissemination entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__isnull=True) | Q(audience__gte=0),
                name="dissemination_audience_not_negative",
                violation_error_message=_("The audience reached is a whole number, 0 or more."),
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values),
                name="dissemination_channel_known",
                violation_error_message=_("Choose one of the channels offered."),
            ),
            plausible_dates("date", name="dissemination_date_plausible"),
        ]
        indexes = [models.Index(fields=["project", "-date"], name="dissemination_project_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def clean(self):
        if (
            self.project_id
            and self.organisation_id
            and not self.project.partnerships.filter(organisation_id=self.organisation_id).exists()
        ):
            raise ValidationError({"organisation": not_a_partner_message()})
        # The log records what was done and whom it reached: a later date is a typing slip
        # (2030 for 2020) that would count an audience not yet reached.
        if self.date and self.date > clock.today():
            raise ValidationError(
                {"date": gettext("Log what has happened: the date is after today.")}
            )


class Result(TimeStampedModel):
    """Something the project produced that others may use, as the Results Platform lists it."""

    Licence = Licence

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="results"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("partner"),
        help_text=_("The partner who registers it."),
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH, validators=[validate_one_line])
    description = models.TextField(_("description"))
    languages = models.JSONField(
        _("languages"),
        default=list,
        validators=[validate_language_codes],
        help_text=_('ISO 639-1 codes, e.g. ["en", "fr"].'),
    )
    licence = models.CharField(_("licence"), max_length=14, choices=Licence.choices)
    link = models.URLField(
        _("link"), max_length=500, blank=True, validators=[WebAddressValidator()]
    )
    deliverable = models.ForeignKey(
        "deliverables.Deliverable",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("from the deliverable"),
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("result")
        constraints = [
            models.CheckConstraint(
                condition=Q(licence__in=Licence.values),
                name="result_licence_known",
                violation_error_message=_("Choose one of the licences offered."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if (
            self.project_id
            and self.organisation_id
            and not self.project.partnerships.filter(organisation_id=self.organisation_id).exists()
        ):
            errors["organisation"] = not_a_partner_message()
        if (
            self.deliverable_id
            and self.project_id
            and self.deliverable.project_id != self.project_id
        ):
            errors["deliverable"] = gettext("The deliverable must belong to the same project.")
        if errors:
            raise ValidationError(errors)

    @property
    def language_names(self) -> list[str]:
        return [SPOKEN_LANGUAGES.get(code, code) for code in self.languages or []]
