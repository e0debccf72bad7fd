from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000  # never the whole table in one answer

    def get_page_size(self, request):
        """`page_size` is a whole number from 1 to max_page_size; anything else is refused
        rather than silently replaced by another size."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

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
        return self.counted.count()

    def __getitem__(self, index):
        return self.rows[index]
