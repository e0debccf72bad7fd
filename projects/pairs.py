"""A project and an organisation in it as one number, so that PostgreSQL can count them.

"The deliverables my organisations lead" joins a partnership to the deliverables on two columns
at once, the project and the lead organisation. PostgreSQL prices such a join as if the two
were independent (one project in a thousand, one organisation in ten thousand) and planned one
deliverable where a partner's ten partnerships lead a hundred: the estimate behind My work and
`?mine=true`, which issue 16 asks to be within 10×. An index on the pair as one number gives
the planner statistics of the pair itself (ANALYZE reads an index's expressions), so a query
that joins on the same expression is counted right, and reads that index.

Ids stay below 2**31 (a serial's range) in any network, so the number never overflows a bigint.
"""

from django.db.models import BigIntegerField, ExpressionWrapper, F, Value

SHIFT = 2**32


def pair_key(project: str, organisation: str) -> ExpressionWrapper:
    """(project id × 2**32 + organisation id) of the fields so named; the same expression
    wherever it is written, or PostgreSQL would not know it for the index's."""
    return ExpressionWrapper(
        F(project) * Value(SHIFT) + F(organisation), output_field=BigIntegerField()
    )
