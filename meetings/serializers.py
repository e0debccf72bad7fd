from django.core.exceptions import ValidationError
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from common import clock
from common.serializers import StrictModelSerializer
from partners.models import Person

from .models import ActionItem, Meeting
from .services import check_participants


class MeetingSerializer(CountryFieldMixin, StrictModelSerializer):
    fixed_after_creation = ("project",)
    participants = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.all(), required=False
    )
    place = serializers.CharField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "project", "kind", "title", "start_date", "end_date", "host_organisation",
            "venue", "city", "country", "is_online", "place", "participants", "minutes",
            "created_at", "updated_at",
        ]  # fmt: skip

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
