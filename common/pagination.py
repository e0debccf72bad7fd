import json
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from .validators import is_whole_number

# Up to this many rows a list's `count` is exact; past it, the database's estimate. Counting
# 100,000 rows exactly cost ten times the page of 50 it was counted for.
EXACT_COUNT_UP_TO = 10_000


def planned_rows(queryset) -> int | None:
    """PostgreSQL's estimate of the rows of `queryset`, from its statistics; None elsewhere."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    # Of the rows only: a list's annotations (a meeting's six counts) cost the planner more
    # than the page itself and do not change how many rows there are.
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def count_rows(queryset) -> int:
    """Exact up to EXACT_COUNT_UP_TO rows, estimated past it (documented in the README).

    On PostgreSQL the database plans and counts in one round trip (the function
    count_of_rows, common/migrations/0002): the rows' query is compiled once and sent with
    its values bound by psycopg. Elsewhere there is no estimate: the count is exact.
    """
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count()
    rows = queryset.order_by()
    query = rows.query
    if query.default_cols and not (query.distinct or query.combinator):
        # Of the rows only: a list's annotations cost the planner more than the page itself
        # and do not change how many rows there are. Distinct rows, chosen columns (values(),
        # of columns or of annotations, which may group) or a union are counted as they are:
        # their own columns make the rows.
        rows = rows.values("pk")
    try:
        sql, params = rows.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return 0  # a filter that can match nothing (an empty IN list)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count_of_rows(%s, %s)",
            [connection.ops.compose_sql(sql, params), EXACT_COUNT_UP_TO],
        )
        return cursor.fetchone()[0]


class EstimatingPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        rows = self.object_list
        return rows.count() if isinstance(rows, CountedRows) else count_rows(rows)

    def page(self, number):
        """The first page is read before the count: when it is not full it holds every row, and
        its length is the count. Most of a partner's lists fit on one page; they are answered
        without the count's two queries (its EXPLAIN, then the exact count)."""
        if number not in (1, "1") or self.orphans:
            return super().page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # the cached property, known without a query
        return self._get_page(rows, self.validate_number(number), self)


class Pagination(PageNumberPagination):
    django_paginator_class = EstimatingPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000  # never the whole table in one answer

    def get_page_size(self, request):
        """`page_size` is a whole number from 1 to max_page_size; anything else is refused
        rather than silently replaced by another size."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (is_whole_number(raw) and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def check_parameters(self, request) -> None:
        """Refuse bad paging parameters as a page would, for answers that hold every row (an
        export): the operation documents them, so they are checked alike."""
        self.get_page_size(request)
        page = request.query_params.get(self.page_query_param)
        if page is not None and not (is_whole_number(page) and int(page) >= 1):
            raise NotFound(_("Invalid page."))

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = (
            f"Exact up to {EXACT_COUNT_UP_TO:,} rows; past that, the database's estimate."
        )
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class CountedRows:
    """Rows to page whose total comes from a cheaper queryset (the same rows without the joins
    that only label them). Django's paginator slices the rows and calls count()."""

    def __init__(self, rows, *, counted):
        self.rows, self.counted = rows, counted

    def count(self) -> int:
        return count_rows(self.counted)

    def __getitem__(self, index):
        return self.rows[index]
