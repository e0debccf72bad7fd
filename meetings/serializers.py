from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from common import clock
from common.serializers import StrictModelSerializer
from partners.models import Person

from .models import ActionItem, Meeting


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
        today = self.context.setdefault("today", clock.today())
        return item.status != ActionItem.Status.DONE and item.due_date < today
