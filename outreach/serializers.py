from rest_framework import serializers

from common.languages import SPOKEN_LANGUAGES
from common.serializers import StrictModelSerializer

from .models import DisseminationEntry, Result


class DisseminationEntrySerializer(StrictModelSerializer):
    fixed_after_creation = ("project",)

    class Meta:
        model = DisseminationEntry
        fields = [
            "id", "project", "organisation", "title", "date", "place", "channel", "audience",
            "link", "notes", "created_at", "updated_at",
        ]  # fmt: skip


class ResultSerializer(StrictModelSerializer):
    fixed_after_creation = ("project",)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(SPOKEN_LANGUAGES)),
        required=False,
        help_text='ISO 639-1 codes of the languages it exists in, e.g. ["en", "fr"].',
    )

    class Meta:
        model = Result
        fields = [
            "id", "project", "organisation", "title", "description", "languages", "licence",
            "link", "deliverable", "created_at", "updated_at",
        ]  # fmt: skip
