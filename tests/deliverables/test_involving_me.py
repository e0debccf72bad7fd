"""The deliverables "involving me": what my organisations lead or contribute to, in the projects
where I speak for them; and, on PostgreSQL, found through the (project, lead) pair's index, whose
statistics give the planner the right count."""

import pytest
from django.db import IntegrityError, connection, transaction

from common.pairs import ID_LIMIT
from deliverables.involving import deliverables_involving_me, involving_me
from deliverables.models import Contribution, Deliverable
from partners.models import Organisation
from projects.models import Project
from tests.factories import DeliverableFactory

pytestmark = pytest.mark.django_db


def involving(user) -> set[int]:
    return set(Deliverable.objects.filter(involving_me(user)).values_list("pk", flat=True))


def test_led_and_contributed_in_my_projects_only(world):
    partner = world.users["partner"]
    own, other = world.own, world.other
    led = DeliverableFactory(project=own.project, lead_organisation=own.partner_org)
    theirs = DeliverableFactory(project=own.project, lead_organisation=own.coordinator_org)
    Contribution.objects.create(deliverable=theirs, organisation=own.partner_org)
    not_contributed = DeliverableFactory(project=own.project, lead_organisation=own.coordinator_org)
    # The same organisation's work in a project where this person does not speak for it.
    elsewhere = DeliverableFactory(project=other.project, lead_organisation=other.coordinator_org)
    found = involving(partner)
    assert {led.pk, theirs.pk} <= found
    assert not found & {not_contributed.pk, elsewhere.pk}
    assert involving(world.users["officer"]) == set()  # an officer speaks for no partner


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_led_half_reads_the_pair_index(world):
    led = deliverables_involving_me(world.users["partner"])
    sql, params = led.query.get_compiler(led.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {connection.ops.compose_sql(sql, params)}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Written otherwise than the index's expression, the query could not use it (nor its
    # statistics).
    assert "deliverable_lead_pair" in plan


@pytest.mark.parametrize("model", [Project, Organisation])
@pytest.mark.parametrize("pk", [0, -1, ID_LIMIT])
def test_ids_stay_in_the_range_a_pair_is_exact_for(model, pk):
    # Past it, (project, organisation) pairs would collide (common/pairs.py).
    fields = {"acronym": "XX", "title": "X", "action": "KA220-VET"} if model is Project else {
        "name": "X", "short_name": "X", "country": "FR"}  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.bulk_create([model(pk=pk, **fields)])
