from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000  # a larger page_size is served as 1,000 rows, never as the whole table


class CountedRows:
    """Rows to page whose total comes from a cheaper queryset (the same rows without the joins
    that only label them). Django's paginator slices the rows and calls count()."""

    def __init__(self, rows, *, counted):
        self.rows, self.counted = rows, counted

    def count(self) -> int:
        return self.counted.count()

    def __getitem__(self, index):
        return self.rows[index]
