from django.core.exceptions import ValidationError
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PKOnlyObject

from common import clock
from common.content_languages import all_version_names
from common.serializers import StrictModelSerializer, VersionsMixin
from partners.models import Person

from .models import ActionItem, Guest, Meeting
from .services import check_participants


class GuestSerializer(CountryFieldMixin, StrictModelSerializer):
    fixed_after_creation = ("meeting",)

    class Meta:
        model = Guest
        fields = [
            "id", "meeting", "name", "organisation_name", "country", "email", "attended",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["attended"]  # recorded with the meeting's attendance


class AttendanceSerializer(serializers.Serializer):
    people = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    guests = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class ParticipantsField(ManyRelatedField):
    """Participants' ids, read from the invitations the list loads with their attendance,
    so that one query serves both."""

    def get_attribute(self, meeting):
        return [PKOnlyObject(pk=p.person_id) for p in meeting.participation_set.all()]


class MeetingSerializer(VersionsMixin, CountryFieldMixin, StrictModelSerializer):
    fixed_after_creation = ("project",)
    participants = ParticipantsField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Person.objects.all()),
        required=False,
    )
    place = serializers.CharField(read_only=True)
    attendees = serializers.SerializerMethodField(
        help_text="Participants who attended (recorded with POST …/attendance/)."
    )

    class Meta:
        model = Meeting
        fields = [
            "id", "project", "kind", "title", "start_date", "end_date", "dates_confirmed",
            "host_organisation", "venue", "city", "country", "is_online", "place",
            "participants", "attendees", "agenda", "minutes", "created_at", "updated_at",
            *all_version_names("title"), *all_version_names("venue"), *all_version_names("city"),
        ]  # fmt: skip

    def get_attendees(self, meeting) -> list[int]:
        return sorted(p.person_id for p in meeting.participation_set.all() if p.attended)

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
        return item.is_late(self.context.setdefault("today", clock.today()))
