"""The newsletter is written in the six languages of the pages; another one is refused, saying
which it knows."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from newsletters.models import NewsletterIssue
from newsletters.services import save_draft

pytestmark = pytest.mark.django_db
FIRST, LAST = date(2018, 9, 1), date(2018, 10, 31)


def test_a_dutch_draft_is_refused_naming_the_newsletters_languages(demo):
    with pytest.raises(ValidationError) as refusal:
        save_draft(first=FIRST, last=LAST, language="nl")
    assert refusal.value.messages == [
        "The newsletter is written in English (en), Français (fr), Deutsch (de), Español (es), "
        "Italiano (it), Português (pt) only, not “nl”."
    ]
    assert not NewsletterIssue.objects.exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", "Das vierte Koordinierungstreffen des Projekts fand am 13. und 14. September"),
        ("es", "La cuarta reunión de coordinación del proyecto se celebró los días 13 y 14 de"),
        ("it", "La quarta riunione di coordinamento del progetto si è svolta il 13 e 14 settembre"),
        ("pt", "A quarta reunião de coordenação do projeto realizou-se a 13 e 14 de setembro"),
    ],
)
def test_the_german_spanish_italian_and_portuguese_issues_exist(demo, language, words):
    issue = save_draft(first=FIRST, last=LAST, language=language)
    assert words in issue.content
    assert "took place" not in issue.content and "coordination meeting" not in issue.content


def test_the_api_and_the_dashboard_offer_the_six_languages(demo, client):
    officer = get_user_model().objects.get(username="officer")
    api = APIClient()
    api.force_authenticate(officer)
    period = {"period_start": "2018-09-01", "period_end": "2018-10-31", "language": "nl"}
    refused = api.post("/api/newsletters/", period, format="json")
    assert refused.status_code == 400 and "nl" in refused.content.decode()
    created = api.post("/api/newsletters/", {**period, "language": "de"}, format="json")
    assert created.status_code == 201

    client.force_login(officer)
    page = client.get("/dashboard/").content.decode()
    form = page[page.index('action="/dashboard/newsletters/new/"') :]  # not the page's switch
    choices = form[form.index('name="language"') : form.index("</select>")]
    assert all(f'value="{code}"' in choices for code in ("en", "fr", "de", "es", "it", "pt"))
