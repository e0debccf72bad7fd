from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import StrictInputMixin, StrictModelSerializer
from partners.models import Organisation

from .models import Contribution, Deliverable, Submission, WorkPackage


class WorkPackageSerializer(StrictModelSerializer):
    fixed_after_creation = ("project",)

    class Meta:
        model = WorkPackage
        fields = ["id", "project", "code", "title", "lead_organisation", "created_at", "updated_at"]


class DeliverableSerializer(StrictModelSerializer):
    fixed_after_creation = ("project",)
    contributors = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all(), required=False
    )
    late = serializers.SerializerMethodField()
    project_acronym = serializers.CharField(source="project.acronym", read_only=True)
    lead_organisation_name = serializers.CharField(
        source="lead_organisation.short_name", read_only=True
    )

    # Submitted and approved are reached through /submit/ and /approve/, which record who and when.
    EDITABLE_STATUSES = Deliverable.OPEN_STATUSES

    class Meta:
        model = Deliverable
        fields = [
            "id", "project", "project_acronym", "code", "title", "kind", "description",
            "work_package", "lead_organisation", "lead_organisation_name", "contributors",
            "due_date", "status", "late", "approved_at", "approved_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["approved_at", "approved_by"]

    def get_late(self, deliverable) -> bool:
        return deliverable.is_late(self.context.setdefault("today", timezone.localdate()))

    def validate_status(self, value):
        current = self.instance.status if self.instance else None
        if value != current and value not in self.EDITABLE_STATUSES:
            raise serializers.ValidationError(
                f"Set {value} through /submit/ or /approve/, which record who and when."
            )
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        project = attrs.get("project") or self.instance.project
        partner_ids = set(project.partnerships.values_list("organisation_id", flat=True))
        strangers = [o.short_name for o in attrs.get("contributors", []) if o.pk not in partner_ids]
        if strangers:
            raise serializers.ValidationError(
                {"contributors": f"Not partners of {project}: {', '.join(strangers)}."}
            )
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        contributors = validated_data.pop("contributors", [])
        deliverable = super().create(validated_data)
        self._set_contributors(deliverable, contributors)
        return deliverable

    @transaction.atomic
    def update(self, instance, validated_data):
        contributors = validated_data.pop("contributors", None)
        deliverable = super().update(instance, validated_data)
        if contributors is not None:
            self._set_contributors(deliverable, contributors)
        return deliverable

    @staticmethod
    def _set_contributors(deliverable, organisations):
        deliverable.contributions.exclude(organisation__in=organisations).delete()
        existing = set(deliverable.contributions.values_list("organisation_id", flat=True))
        Contribution.objects.bulk_create(
            Contribution(deliverable=deliverable, organisation=organisation)
            for organisation in organisations
            if organisation.pk not in existing
        )


class SubmissionSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    submitted_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id", "deliverable", "link", "original_filename", "download_url", "note",
            "submitted_by", "submitted_at",
        ]  # fmt: skip

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, submission) -> str | None:
        if not submission.file:
            return None
        path = reverse("submission-download", args=[submission.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SubmitSerializer(StrictInputMixin, serializers.Serializer):
    link = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="An http(s) link."
    )
    file = serializers.FileField(required=False, help_text="PDF, office document or image.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
