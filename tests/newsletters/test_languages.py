"""The pages speak six languages, the newsletter two: another one is refused, saying which."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from newsletters.models import NewsletterIssue
from newsletters.services import save_draft

pytestmark = pytest.mark.django_db


def test_a_german_draft_is_refused_naming_the_newsletters_languages(demo):
    with pytest.raises(ValidationError) as refusal:
        save_draft(first=date(2018, 9, 1), last=date(2018, 10, 31), language="de")
    assert refusal.value.messages == [
        "The newsletter is written in English (en) and Français (fr) only, not 'de'."
    ]
    assert not NewsletterIssue.objects.exists()


def test_the_api_and_the_dashboard_refuse_german_for_the_newsletter(demo, client):
    officer = get_user_model().objects.get(username="officer")
    api = APIClient()
    api.force_authenticate(officer)
    period = {"period_start": "2018-09-01", "period_end": "2018-10-31", "language": "de"}
    refused = api.post("/api/newsletters/", period, format="json")
    assert refused.status_code == 400 and "de" in refused.content.decode()

    client.force_login(officer)
    client.post("/i18n/setlang/", {"language": "de", "next": "/dashboard/"})
    page = client.get("/dashboard/").content.decode()
    assert "Eine Ausgabe entwerfen" in page  # the page itself speaks German
    form = page[page.index('action="/dashboard/newsletters/new/"') :]  # not the page's switch
    choices = form[form.index('name="language"') : form.index("</select>")]
    assert 'value="en"' in choices and 'value="fr"' in choices and 'value="de"' not in choices
    response = client.post(
        "/dashboard/newsletters/new/",
        {"first": "2018-09-01", "last": "2018-10-31", "language": "de"},
    )
    assert response.status_code in (200, 400) and not NewsletterIssue.objects.exists()
