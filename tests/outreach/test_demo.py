"""The demo world logs dissemination and registers results for both projects."""

import pytest

from outreach.models import Result

pytestmark = pytest.mark.django_db


def test_the_demo_logs_dissemination_and_registers_results(demo):
    from projects.models import Project

    for acronym in ("DIMESCA", "COCADE"):
        project = Project.objects.get(acronym=acronym)
        assert project.dissemination.exists() and project.results.exists()
    vademecum = Result.objects.get(project__acronym="COCADE")
    assert vademecum.deliverable.code == "IO2" and vademecum.languages == ["fr", "en"]
