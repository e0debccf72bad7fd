from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from common.serializers import StrictModelSerializer

from .models import Organisation, Person


class OrganisationSerializer(CountryFieldMixin, StrictModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id", "name", "short_name", "country", "city", "type", "oid", "pic", "website",
            "is_network_member", "created_at", "updated_at",
        ]  # fmt: skip


class PersonSerializer(StrictModelSerializer):
    has_login = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id", "first_name", "last_name", "email", "job_title", "organisation",
            "preferred_language", "has_login", "created_at", "updated_at",
        ]  # fmt: skip

    def get_has_login(self, person) -> bool:
        return person.user_id is not None
