"""A meeting's forms. The model's own rules (clean(), constraints) and the services' checks
put their messages beside the fields; nothing is checked here that they do not check."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import (
    NAME_LIMIT,
    ORGANISATION_LIMIT,
    ActionItem,
    Guest,
    Meeting,
    partner_people,
)
from meetings.services import check_participants
from projects import access

from . import DayInput
from .languages import OtherLanguagesMixin, with_versions


def people_choices(project_id: int) -> list[tuple[int, str]]:
    people = partner_people(project_id).select_related("organisation").order_by("last_name", "pk")
    return [(p.pk, f"{p.full_name} ({p.organisation.short_name})") for p in people]


class MeetingForm(OtherLanguagesMixin, forms.ModelForm):
    """What a meeting is. Participants are chosen among what the user may see, as the API
    does, and the service's rule says who of them may take part."""

    month_only = forms.BooleanField(
        label=_("Month to be confirmed"),
        required=False,
        help_text=_("Only the month is known: the start date's month is kept, not its day."),
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Meeting
        fields = with_versions([
            "kind", "title", "start_date", "end_date", "month_only", "is_online", "venue",
            "city", "country", "host_organisation", "agenda", "minutes",
        ], "title", "venue", "city")  # fmt: skip
        labels = {
            "kind": _("Kind"), "title": _("Title"), "start_date": _("First day"),
            "end_date": _("Last day"), "is_online": _("Online (video)"), "venue": _("Venue"),
            "city": _("City"), "country": _("Country"), "host_organisation": _("Host"),
            "agenda": pgettext_lazy("of a meeting", "Agenda"), "minutes": _("Minutes"),
        }  # fmt: skip
        help_texts = {
            "venue": "",
            "end_date": _("Leave empty for a one-day meeting."),
        }
        widgets = {
            "start_date": DayInput(),
            "end_date": DayInput(),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        project_id = self.instance.project_id
        self.fields["kind"].choices = self.instance.allowed_kinds()
        self.fields["end_date"].required = False
        hosts = self.fields["host_organisation"]
        hosts.queryset = access.visible_organisations(user)
        hosts.label_from_instance = lambda organisation: organisation.name
        participants = self.fields["participants"]
        participants.queryset = access.visible_people(user)
        if project_id:
            choices = people_choices(project_id)
            participants.widget.choices = choices
            partners = self.instance.project.partnerships.select_related("organisation")
            hosts.widget.choices = [("", "---------")] + [
                (p.organisation_id, p.organisation.name) for p in partners
            ]
            current = self.instance.host_organisation
            if current and current.pk not in {pk for pk, _name in hosts.widget.choices}:
                hosts.widget.choices.append((current.pk, current.name))  # an outside host kept
        if self.instance.pk:
            self.initial["month_only"] = not self.instance.dates_confirmed
            self.initial["participants"] = [p.pk for p in self.instance.participants.all()]

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        if start and not cleaned.get("end_date"):
            cleaned["end_date"] = start
        return cleaned

    def _post_clean(self):
        # The month alone is kept as the service keeps it, before the model's rules read it.
        self.instance.dates_confirmed = not self.cleaned_data.get("month_only")
        if self.cleaned_data.get("month_only") and self.cleaned_data.get("start_date"):
            first = self.cleaned_data["start_date"].replace(day=1)
            self.cleaned_data["start_date"] = self.cleaned_data["end_date"] = first
        super()._post_clean()
        # A constraint repeats, above the form, what clean() already put beside its field.
        beside = {
            message
            for name, errors in self.errors.items()
            if name != "__all__"
            for message in errors
        }
        if "__all__" in self._errors:
            kept = [message for message in self._errors["__all__"] if message not in beside]
            if kept:
                self._errors["__all__"] = self.error_class(kept, error_class="nonfield")
            else:
                del self._errors["__all__"]
        if "participants" in self.cleaned_data:
            try:
                check_participants(
                    project_id=self.instance.project_id, people=self.cleaned_data["participants"]
                )
            except ValidationError as refusal:
                self.add_error("participants", refusal)

    def values(self) -> dict:
        """The service's keyword arguments."""
        values = {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.cleaned_data and name != "month_only"
        }
        values["dates_confirmed"] = not self.cleaned_data["month_only"]
        return values


def limit_guest_names(form) -> None:
    """The model's limits on what a person types (Guest: NAME_LIMIT, ORGANISATION_LIMIT), on
    the form's fields: refused beside the field, and told to the browser beforehand."""
    for name, limit in (("name", NAME_LIMIT), ("organisation_name", ORGANISATION_LIMIT)):
        field = form.fields[name]
        field.max_length = limit
        others = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.validators = [*others, MaxLengthValidator(limit)]
        field.widget.attrs["maxlength"] = str(limit)


class GuestForm(forms.ModelForm):
    """An outside person on the list; the model says that an e-mail needs their consent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_guest_names(self)

    class Meta:
        model = Guest
        fields = [
            "name", "organisation_name", "country", "type", "email", "email_consent",
            "from_partner",
        ]  # fmt: skip
        labels = {
            "name": _("Name"),
            "organisation_name": _("Organisation"),
            "country": _("Country"),
            "type": _("Type"),
            "email": _("E-mail (optional)"),
            "email_consent": _("They agree to be contacted by e-mail"),
        }
        help_texts = {
            "from_partner": _(
                "Tick when the organisation is one of the project's partners written another "
                "way: the guest is then not counted as eligible."
            )
        }


class AttendanceForm(forms.Form):
    people = forms.TypedMultipleChoiceField(
        label=_("Participants who attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.TypedMultipleChoiceField(
        label=_("Guests who attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, participations, guests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(p.person_id, p.person.full_name) for p in participations]
        self.fields["guests"].choices = [(g.pk, g.name) for g in guests]
        if not self.is_bound:
            self.initial["people"] = [p.person_id for p in participations if p.attended]
            self.initial["guests"] = [g.pk for g in guests if g.attended]
        # A list with nobody to tick is no question: left out, it reads as nobody.
        for name in ("people", "guests"):
            if not self.fields[name].choices:
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        return {"people": [], "guests": [], **cleaned}


class ActionItemForm(forms.ModelForm):
    """An action item; its owner is one of the people the user may see, and the model's rule
    says whether they belong to the project."""

    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_date", "status"]
        labels = {
            "description": _("Action"),
            "owner": _("Owner"),
            "due_date": _("Due"),
            "status": _("Status"),
        }
        widgets = {"due_date": DayInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = access.visible_people(user)
        owner.widget.choices = [
            ("", "---------"),
            *people_choices(self.instance.meeting.project_id),
        ]
