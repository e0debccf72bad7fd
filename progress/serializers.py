from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deliverables.models import Deliverable
from projects.models import Objective


class DeadlineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.CharField()
    lead_organisation = serializers.CharField(source="lead_organisation.short_name")


class MeetingSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    place = serializers.CharField()


class StatusCountSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())


class ProgressSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project_id")
    objectives = serializers.SerializerMethodField()
    deliverables = serializers.SerializerMethodField()
    deliverables_late = serializers.IntegerField()
    next_deadlines = DeadlineSerializer(many=True)
    next_meeting = MeetingSummarySerializer(allow_null=True)
    last_meeting = MeetingSummarySerializer(allow_null=True)

    @extend_schema_field(StatusCountSerializer)
    def get_objectives(self, progress):
        return self._counts(progress.objectives, Objective.Status.values)

    @extend_schema_field(StatusCountSerializer)
    def get_deliverables(self, progress):
        return self._counts(progress.deliverables, Deliverable.Status.values)

    @staticmethod
    def _counts(counter, statuses):
        by_status = {status: counter.get(status, 0) for status in statuses}
        return {"total": sum(by_status.values()), "by_status": by_status}
