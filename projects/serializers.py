from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.content_languages import all_version_names
from common.serializers import (
    LinkedIds,
    LinkedIdsListSerializer,
    StrictModelSerializer,
    VersionsMixin,
)
from partners.models import Person

from .models import Objective, ObjectiveStatusChange, Partnership, Project
from .setup import check_contacts


class ProjectSerializer(VersionsMixin, StrictModelSerializer):
    final_report_due = serializers.DateField(read_only=True)
    # Lists of whole numbers; what a valid list is (1 to 365 days, each once) is the model's rule.
    deadline_reminder_days = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Days before a deadline that reminders go out, e.g. [30, 7, 1].",
    )
    meeting_reminder_days = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Days before a meeting that reminders go out, e.g. [14, 2].",
    )

    class Meta:
        model = Project
        fields = [
            "id", "acronym", "title", "action", "reference_number", "national_agency",
            "start_date", "end_date", "eu_grant", "status", "description", "website",
            "interim_report_due", "final_report_due", "officer", "deadline_reminder_days",
            "meeting_reminder_days", "created_at", "updated_at", *all_version_names("title"),
        ]  # fmt: skip


class PartnershipSerializer(StrictModelSerializer):
    fixed_after_creation = ("project", "organisation")
    organisation_name = serializers.SerializerMethodField()
    contacts = LinkedIds(queryset=Person.objects.all(), required=False)

    class Meta:
        list_serializer_class = LinkedIdsListSerializer
        model = Partnership
        fields = [
            "id", "project", "organisation", "organisation_name", "role", "contacts",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_organisation_name(self, partnership) -> str:
        # Annotated by the list's query; a partnership read or saved alone reads its organisation.
        return getattr(partnership, "organisation_name", None) or partnership.organisation.name

    def validate(self, attrs):
        attrs = super().validate(attrs)
        organisation = attrs.get("organisation") or getattr(self.instance, "organisation", None)
        try:
            check_contacts(organisation, attrs.get("contacts", []))
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        return attrs


class ObjectiveSerializer(VersionsMixin, StrictModelSerializer):
    fixed_after_creation = ("project",)
    comment = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="Why the status changes; kept in the objective's history.",
    )

    class Meta:
        model = Objective
        fields = [
            "id", "project", "number", "title", "description", "status", "comment",
            "created_at", "updated_at", *all_version_names("title"),
        ]  # fmt: skip


class ObjectiveStatusChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SerializerMethodField()

    class Meta:
        model = ObjectiveStatusChange
        fields = ["id", "from_status", "to_status", "comment", "changed_by", "changed_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_changed_by(self, change) -> str | None:
        return change.changed_by.get_username() if change.changed_by else None


class MyOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class MyProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="project_id")
    acronym = serializers.CharField(source="project.acronym")
    role = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField()
    person = serializers.IntegerField(allow_null=True)
    is_project_officer = serializers.BooleanField()
    organisations = MyOrganisationSerializer(many=True)
    projects = MyProjectSerializer(many=True, help_text="My role in each project I am in.")
