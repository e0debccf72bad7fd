"""The deliverables "involving me": what my organisations lead or contribute to, in the
projects where I speak for them (My work, `?mine=true`). Built on projects.access's
partnerships of a contact person, the one rule of who speaks for whom."""

from django.db.models import F, Q, QuerySet

from common.pairs import pair_key
from projects.access import contact_partnerships

from .models import Deliverable


def deliverables_involving_me(user) -> QuerySet:
    """A subquery of the ids of the deliverables my organisations lead or contribute to, in
    projects where I speak for them.

    Both halves start from my few partnerships, so the planner counts rows from there. Written
    as an OR of two EXISTS on each deliverable, it estimated half the table for a few hundred
    rows and spent seconds compiling the query (JIT) on a network of 100,000 deliverables.
    """
    mine = contact_partnerships(user).order_by()
    # By the (project, lead) pair as one number: joined on the two columns apart, PostgreSQL
    # counted one deliverable for a hundred (common/pairs.py).
    led = (
        Deliverable.objects.alias(lead_pair=pair_key("project_id", "lead_organisation_id"))
        .filter(lead_pair__in=mine.values(pair=pair_key("project_id", "organisation_id")))
        .order_by()
        .values("pk")
    )
    contributed = mine.filter(
        organisation__contributions__deliverable__project=F("project")
    ).values("organisation__contributions__deliverable")
    return led.union(contributed)


def involving_me(user) -> Q:
    """Deliverables my organisations lead or contribute to, in projects where I speak for them."""
    return Q(pk__in=deliverables_involving_me(user))
