from rest_framework import serializers

from common.serializers import ColumnsReadDirectlyMixin, FieldsMadeOnceMixin, StrictInputMixin

from .exports import FORMATS
from .models import NewsletterIssue


class NewsletterIssueSerializer(
    FieldsMadeOnceMixin, ColumnsReadDirectlyMixin, StrictInputMixin, serializers.ModelSerializer
):
    approved_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,  # null until approved
    )

    class Meta:
        model = NewsletterIssue
        fields = [
            "id", "period_start", "period_end", "language", "status", "generated_content",
            "edited_content", "gaps", "approved_by", "approved_at", "published_at", "sent_count",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "period_start", "period_end", "language", "status", "generated_content", "gaps",
            "approved_at", "published_at", "sent_count",
        ]  # fmt: skip


class DraftRequestSerializer(StrictInputMixin, serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    language = serializers.ChoiceField(choices=NewsletterIssue.Language.choices)
    confirm = serializers.BooleanField(
        default=False, help_text="Needed to draft an approved or published issue again."
    )


class ExportSerializer(serializers.Serializer):
    # Not "format": DRF reads that parameter to pick its own renderer.
    output = serializers.ChoiceField(choices=FORMATS, default="md")

    def to_internal_value(self, data):
        # A query string may repeat a name; the last value alone would be read, so one that
        # the schema refuses could slip past in front of it.
        if hasattr(data, "getlist") and len(data.getlist("output")) > 1:
            raise serializers.ValidationError({"output": ["Give this parameter once."]})
        if hasattr(data, "get") and data.get("output") == "":
            # A form field left empty means "the default"; here it is a wrong value.
            raise serializers.ValidationError({"output": ["Give md, html or pdf."]})
        return super().to_internal_value(data)
