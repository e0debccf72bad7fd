"""Two ids as one number, so that PostgreSQL can count the pairs.

"The deliverables my organisations lead" joins a partnership to the deliverables on two columns
at once, the project and the lead organisation. PostgreSQL prices such a join as if the two
were independent (one project in a thousand, one organisation in ten thousand) and planned one
deliverable where a partner's ten partnerships lead a hundred: the estimate behind My work and
`?mine=true`, which issue 16 asks to be within 10×. An index on the pair as one number gives
the planner statistics of the pair itself (ANALYZE reads an index's expressions), so a query
that joins on the same expression is counted right, and reads that index.

The number is `first × 2**32 + second`. It names one pair only, and fits a bigint, while both
ids lie from 1 to 2**31 - 1: the tables whose ids are paired hold that range as a constraint
(`paired_ids`), so a row given another id (an import of explicit ids, a sequence moved on) is
refused rather than colliding with another pair.
"""

from django.db import models
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, Value

SHIFT = 2**32
ID_LIMIT = 2**31


def pair_key(first: str, second: str) -> ExpressionWrapper:
    """The pair of the fields so named as one number; the same expression wherever it is
    written, or PostgreSQL would not know it for the index's."""
    return ExpressionWrapper(F(first) * Value(SHIFT) + F(second), output_field=BigIntegerField())


def paired_ids(name: str) -> models.CheckConstraint:
    """The range of ids pair_key is exact for, on a table whose ids it pairs."""
    return models.CheckConstraint(
        condition=Q(id__gte=1, id__lt=ID_LIMIT),
        name=name,
        violation_error_message=f"An id runs from 1 to {ID_LIMIT - 1:,}.",
    )
