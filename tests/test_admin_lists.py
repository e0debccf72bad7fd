"""The admin's lists stay short and readable: filters offer what is in use."""

import pytest
from django.urls import reverse
from django_countries import countries

from partners.models import Organisation

pytestmark = pytest.mark.django_db

LISTS = {
    "admin:projects_project_changelist": "partnerships__organisation__country",
    "admin:projects_partnership_changelist": "organisation__country",
    "admin:partners_organisation_changelist": "country",
    "admin:partners_person_changelist": "organisation__country",
    "admin:deliverables_deliverable_changelist": "lead_organisation__country",
    "admin:meetings_meeting_changelist": "country",
}


@pytest.mark.parametrize(("view", "parameter"), LISTS.items())
def test_country_filters_offer_only_the_countries_in_use(client, world, view, parameter):
    client.force_login(world.users["officer"])
    page = client.get(reverse(view)).content.decode()
    offered = page.count(f"?{parameter}=")
    assert 0 < offered <= Organisation.objects.values("country").distinct().count()
    unused = set(dict(countries)) - set(Organisation.objects.values_list("country", flat=True))
    assert f"{parameter}={sorted(unused)[0]}" not in page
