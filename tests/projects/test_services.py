import pytest
from django.core.exceptions import ValidationError

from projects.models import Objective
from projects.services import change_objective_status
from tests.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


def test_a_status_change_keeps_who_when_from_to_and_why(officer):
    objective = ObjectiveFactory(status=Objective.Status.IN_PROGRESS)

    change = change_objective_status(
        objective=objective,
        status=Objective.Status.ACHIEVED,
        changed_by=officer,
        comment="  Validated at the final meeting. ",
    )

    objective.refresh_from_db()
    assert objective.status == "achieved"
    assert change.from_status == "in_progress"
    assert change.to_status == "achieved"
    assert change.changed_by == officer
    assert change.comment == "Validated at the final meeting."
    assert change.changed_at is not None
    assert list(objective.status_changes.all()) == [change]


def test_setting_the_same_status_again_records_nothing():
    objective = ObjectiveFactory(status=Objective.Status.AT_RISK)
    assert change_objective_status(objective=objective, status="at_risk", changed_by=None) is None
    assert objective.status_changes.count() == 0


def test_an_unknown_status_is_refused_with_the_allowed_ones():
    objective = ObjectiveFactory()
    with pytest.raises(ValidationError) as refusal:
        change_objective_status(objective=objective, status="done", changed_by=None)
    assert "almost_achieved" in str(refusal.value)
    objective.refresh_from_db()
    assert objective.status == Objective.Status.NOT_STARTED


def test_successive_changes_build_the_history_newest_first():
    objective = ObjectiveFactory()
    for status in ["in_progress", "at_risk", "almost_achieved"]:
        change_objective_status(objective=objective, status=status, changed_by=None)
    history = [(c.from_status, c.to_status) for c in objective.status_changes.all()]
    assert history == [
        ("at_risk", "almost_achieved"),
        ("in_progress", "at_risk"),
        ("not_started", "in_progress"),
    ]
