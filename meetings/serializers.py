from collections import defaultdict
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PKOnlyObject

from common import clock
from common.content_languages import all_version_names, version_reader
from common.serializers import (
    StrictInputMixin,
    StrictModelSerializer,
    VersionsMixin,
    with_id_arrays,
)
from partners.models import Person

from .models import ActionItem, Guest, Meeting, Participation, place_text
from .participant_counts import count_participants, counts_of
from .services import check_participants

MULTIPLIER_ONLY = ("eligible", "local", "international")


class GuestSerializer(CountryFieldMixin, StrictModelSerializer):
    fixed_after_creation = ("meeting",)

    class Meta:
        model = Guest
        fields = [
            "id", "meeting", "name", "organisation_name", "country", "type", "email",
            "email_consent", "from_partner", "attended", "signed_in_online", "erased",
            "created_at",
            "updated_at",
        ]  # fmt: skip
        # Attendance is recorded with the meeting's; erasure has its own action.
        read_only_fields = ["attended", "signed_in_online", "erased"]


class AttendanceSerializer(StrictInputMixin, serializers.Serializer):
    people = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    guests = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class Invitation(NamedTuple):
    person_id: int
    attended: bool


def invitations_of(meeting) -> list:
    """The meeting's invitations: those the list loaded (MeetingListSerializer), else read for
    this one meeting. A related manager per field and row cost a fifth of a page of 500."""
    loaded = getattr(meeting, "loaded_invitations", None)
    return list(meeting.participation_set.all()) if loaded is None else loaded


def with_invitations(meetings: QuerySet) -> QuerySet:
    """The meetings carrying the ids of those invited and of those who attended, where the
    database can (with_id_arrays), for MeetingListSerializer."""
    invited = Participation.objects.filter(meeting=OuterRef("pk")).order_by("person_id")
    return with_id_arrays(
        meetings,
        invited_ids=invited.values("person_id"),
        attended_ids=invited.filter(attended=True).values("person_id"),
    )


class MeetingListSerializer(serializers.ListSerializer):
    """Reads the invitations of a page of meetings as (person, attended) pairs: from the rows
    where their query carried them (with_invitations), else with one query. A model instance
    per invitation cost more than the rest of its meeting's row."""

    def to_representation(self, data):
        meetings = list(data.all() if hasattr(data, "all") else data)
        if meetings and hasattr(meetings[0], "invited_ids"):
            for meeting in meetings:
                attended = set(meeting.attended_ids)
                meeting.loaded_invitations = [
                    Invitation(person_id, person_id in attended)
                    for person_id in meeting.invited_ids
                ]
            return super().to_representation(meetings)
        invitations = defaultdict(list)
        pairs = Participation.objects.filter(meeting__in=[m.pk for m in meetings])
        for meeting_id, person_id, attended in pairs.values_list(
            "meeting_id", "person_id", "attended"
        ):
            invitations[meeting_id].append(Invitation(person_id, attended))
        for meeting in meetings:
            meeting.loaded_invitations = invitations[meeting.pk]
        return super().to_representation(meetings)


class ParticipantsField(ManyRelatedField):
    """Participants' ids, read from the invitations the list loads with their attendance,
    so that one query serves both."""

    def get_attribute(self, meeting):
        # In the order of their ids, as the attendees, however the invitations were read.
        return [PKOnlyObject(pk=pk) for pk in sorted(p.person_id for p in invitations_of(meeting))]


class PlaceField(serializers.CharField):
    """Meeting.place, its venue and city read in the reader's language by readers made once per
    serializer: through the descriptors, the two reads of every row cost a tenth of a page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def get_attribute(self, meeting):
        readers = self.__dict__.get("readers")
        if readers is None:
            readers = self.readers = [version_reader(Meeting, name) for name in ("venue", "city")]
        venue, city = (read(meeting) for read in readers)
        return place_text(is_online=meeting.is_online, venue=venue, city=city)


class MeetingSerializer(VersionsMixin, CountryFieldMixin, StrictModelSerializer):
    fixed_after_creation = ("project",)
    participants = ParticipantsField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Person.objects.all()),
        required=False,
    )
    place = PlaceField(help_text="Where, in the reader's language: online, or the venue and city.")
    attendees = serializers.SerializerMethodField(
        help_text="Participants who attended (recorded with POST …/attendance/)."
    )
    participant_counts = serializers.SerializerMethodField(
        help_text="On the list, attended; for multiplier events also the eligible participants "
        "(attended, not from the partner organisations), local (from the event's country) "
        "and international. Counts only: outside people's details are in /api/meeting-guests/ "
        "for the project's coordinator and the officers."
    )

    class Meta:
        list_serializer_class = MeetingListSerializer
        model = Meeting
        fields = [
            "id", "project", "kind", "title", "start_date", "end_date", "dates_confirmed",
            "host_organisation", "venue", "city", "country", "is_online", "place",
            "participants", "attendees", "participant_counts", "agenda", "minutes",
            "created_at", "updated_at",
            *all_version_names("title"), *all_version_names("venue"), *all_version_names("city"),
        ]  # fmt: skip

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                name: {"type": "integer", "nullable": name in MULTIPLIER_ONLY}
                for name in ("expected", "attended", "eligible", "local", "international")
            },
        }
    )
    def get_participant_counts(self, meeting) -> dict:
        # A list reads the counts its query joined; a meeting read or written alone is counted
        # afresh, after what was just written. vars(), not asdict(): asdict copies deeply, a
        # tenth of a list of meetings.
        in_a_list = isinstance(self.parent, serializers.ListSerializer)
        counts = dict(vars(counts_of(meeting) if in_a_list else count_participants(meeting)))
        if meeting.kind != meeting.Kind.MULTIPLIER:
            counts.update(dict.fromkeys(MULTIPLIER_ONLY))
        return counts

    def get_attendees(self, meeting) -> list[int]:
        return sorted(p.person_id for p in invitations_of(meeting) if p.attended)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "participants" in attrs:
            project = attrs.get("project", getattr(self.instance, "project", None))
            try:
                check_participants(project_id=project and project.pk, people=attrs["participants"])
            except ValidationError as refusal:
                raise serializers.ValidationError({"participants": refusal.messages}) from refusal
        return attrs


class ActionItemSerializer(StrictModelSerializer):
    fixed_after_creation = ("meeting",)
    late = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = [
            "id", "meeting", "description", "owner", "due_date", "status", "late",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_late(self, item) -> bool:
        return item.is_late(clock.today_of(self.context))
