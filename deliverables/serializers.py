from collections import defaultdict

from django.db import connection
from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common import clock
from common.content_languages import all_version_names
from common.serializers import (
    ColumnsReadDirectlyMixin,
    FieldsMadeOnceMixin,
    StrictInputMixin,
    StrictModelSerializer,
    VersionsMixin,
)
from partners.models import Organisation

from .links import LINK_RULE
from .models import Contribution, Deliverable, Review, Submission, WorkPackage
from .work_plan import check_contributors, save_deliverable, save_work_package


class WorkPackageSerializer(StrictModelSerializer):
    fixed_after_creation = ("project",)

    class Meta:
        model = WorkPackage
        fields = [
            "id", "project", "code", "title", "lead_organisation", "start_month", "end_month",
            "position", "created_at", "updated_at",
        ]  # fmt: skip

    def create(self, validated_data):
        return save_work_package(
            work_package=WorkPackage(**validated_data), by=self.context["request"].user
        )

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return save_work_package(work_package=instance, by=self.context["request"].user)


class ContributorIds(serializers.ManyRelatedField):
    """Organisation ids, read from the prefetched contributions rather than loading each one."""

    def get_attribute(self, deliverable):
        return [c.organisation_id for c in deliverable.contributions.all()]

    def to_representation(self, organisation_ids):
        return organisation_ids


class DeliverableSerializer(VersionsMixin, StrictModelSerializer):
    fixed_after_creation = ("project",)
    contributors = ContributorIds(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all()),
        required=False,
    )
    late = serializers.SerializerMethodField()
    # Annotated by the view's queryset; read from the related rows when they are not.
    project_acronym = serializers.SerializerMethodField()
    lead_organisation_name = serializers.SerializerMethodField()

    # The others are reached through /submit/, /approve/ and /request-changes/, which record who
    # and when.
    EDITABLE_STATUSES = Deliverable.PLANNED_STATUSES

    class Meta:
        model = Deliverable
        fields = [
            "id", "project", "project_acronym", "code", "title", "kind", "description",
            "work_package", "lead_organisation", "lead_organisation_name", "contributors",
            "due_date", "due_date_confirmed", "dissemination_level", "position", "status", "late",
            "approved_at", "approved_by", "created_at", "updated_at", *all_version_names("title"),
        ]  # fmt: skip
        read_only_fields = ["approved_at", "approved_by"]

    def get_project_acronym(self, deliverable) -> str:
        return getattr(deliverable, "project_acronym", None) or deliverable.project.acronym

    def get_lead_organisation_name(self, deliverable) -> str:
        return (
            getattr(deliverable, "lead_organisation_name", None)
            or deliverable.lead_organisation.short_name
        )

    def get_late(self, deliverable) -> bool:
        return deliverable.is_late(clock.today_of(self.context))

    def validate_status(self, value):
        current = self.instance.status if self.instance else None
        if value != current and value not in self.EDITABLE_STATUSES:
            raise serializers.ValidationError(
                _(
                    "Set %(status)s through /submit/, /approve/ or /request-changes/, which "
                    "record who and when."
                )
                % {"status": value}
            )
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("contributors"):
            check_contributors(attrs.get("project") or self.instance.project, attrs["contributors"])
        return attrs

    def create(self, validated_data):
        contributors = validated_data.pop("contributors", [])
        return save_deliverable(
            deliverable=Deliverable(**validated_data),
            contributors=contributors,
            by=self.context["request"].user,
        )

    def update(self, instance, validated_data):
        contributors = validated_data.pop("contributors", None)
        if validated_data.get("status", instance.status) != Deliverable.Status.APPROVED:
            # Reopened: the approval no longer stands.
            instance.approved_at = instance.approved_by = None
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return save_deliverable(
            deliverable=instance, contributors=contributors, by=self.context["request"].user
        )


# What the list reads with values(): every field of the serializer but the computed ones.
VALUE_FIELDS = [
    "id", "project", "project_acronym", "code", "title", "kind", "description", "work_package",
    "lead_organisation", "lead_organisation_name", "due_date", "due_date_confirmed",
    "dissemination_level", "position", "status", "approved_at", "approved_by", "created_at",
    "updated_at", *all_version_names("title"),
]  # fmt: skip


_DATE, _DATETIME = serializers.DateField(), serializers.DateTimeField()
_TEMPORAL = {
    "due_date": _DATE.to_representation,
    "approved_at": _DATETIME.to_representation,
    "created_at": _DATETIME.to_representation,
    "updated_at": _DATETIME.to_representation,
}


def with_contributors(values):
    """On PostgreSQL, each row's contributors come in the same query, as an array; elsewhere
    deliverable_rows fetches them with one more query."""
    if connection.vendor != "postgresql":
        return values
    from django.contrib.postgres.expressions import ArraySubquery

    ids = Contribution.objects.filter(deliverable=OuterRef("pk")).order_by("pk")
    return values.annotate(contributor_ids=ArraySubquery(ids.values("organisation_id")))


def deliverable_rows(values, *, today) -> list[dict]:
    """DeliverableSerializer's output for rows of `values(*VALUE_FIELDS)`, built directly."""
    values = list(values)
    if values and "contributor_ids" in values[0]:
        contributors = {row["id"]: row["contributor_ids"] for row in values}
    else:
        contributors = defaultdict(list)
        contributions = Contribution.objects.filter(
            deliverable_id__in=[row["id"] for row in values]
        )
        for deliverable_id, organisation_id in contributions.order_by("pk").values_list(
            "deliverable_id", "organisation_id"
        ):
            contributors[deliverable_id].append(organisation_id)
    order = DeliverableSerializer.Meta.fields
    rows = []
    for row in values:
        row["late"] = Deliverable.late_on(row["status"], row["due_date"], today)
        row["contributors"] = contributors[row["id"]]
        for name, represent in _TEMPORAL.items():
            if row[name] is not None:
                row[name] = represent(row[name])
        rows.append({name: row[name] for name in order})
    return rows


class SubmissionSerializer(
    FieldsMadeOnceMixin, ColumnsReadDirectlyMixin, serializers.ModelSerializer
):
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
        required=False, allow_blank=True, max_length=500, help_text=LINK_RULE
    )
    file = serializers.FileField(required=False, help_text="PDF, office document or image.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ApproveSerializer(StrictInputMixin, serializers.Serializer):
    # The length is checked by the service, with the same words as on the page.
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="A word for the lead organisation, kept in the review history (optional).",
    )


class RequestChangesSerializer(StrictInputMixin, serializers.Serializer):
    # Blank is refused by the service, with the same words as on the page.
    comment = serializers.CharField(
        max_length=2000,
        allow_blank=True,
        trim_whitespace=False,
        help_text="What should change, for the lead organisation's contacts (required).",
    )


class ReviewSerializer(serializers.ModelSerializer):
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Review
        fields = ["id", "deliverable", "submission", "decision", "comment", "reviewed_by",
                  "reviewed_at"]  # fmt: skip
