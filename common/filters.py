import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter, SearchFilter

from .serializers import refuse_any_body
from .validators import is_whole_number


class YesNoFilter(django_filters.ChoiceFilter):
    """`true` or `false`, handed as True or False to the filter set's method named `answer`;
    anything else is a 400 rather than a filter silently ignored.

    Not django-filter's `method=`: that one replaces this filter() and hands the method the
    text itself, and "false" is true in Python (`?mine=false` answered what `?mine=true` did).
    """

    def __init__(self, *args, answer: str, **kwargs):
        super().__init__(*args, choices=[("true", "true"), ("false", "false")], **kwargs)
        self.answer = answer

    def filter(self, queryset, value):
        if value in ("", None):
            return queryset
        return getattr(self.parent, self.answer)(queryset, self.field_name, value == "true")


class WholeNumberField(forms.IntegerField):
    """Digits only: Django's IntegerField also takes "5.0" as 5, which the schema's integer
    does not allow."""

    def to_python(self, value):
        if value not in self.empty_values and not is_whole_number(str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number in range. An id one may not see simply matches nothing,
    exactly like an id that does not exist."""

    field_class = WholeNumberField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


UNKNOWN_PARAMETER = "Unknown query parameter; see the schema at /api/docs/."


class OwnQueryParameters:
    """For a view: an operation other than a list or a single row (those are
    StrictQueryParameters') reads the query parameters it names in `query_parameters`, and
    refuses any other (400, naming it) rather than ignore it: `?pag=2` on an objective's
    history is not its first page. An @action names its own: `@action(…, query_parameters=…)`.
    """

    query_parameters: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # who may ask is answered first
        if getattr(self, "action", None) in ("list", "retrieve"):
            return
        if not operation_answers(self, request):
            return
        unknown = sorted(set(request.query_params) - set(self.query_parameters))
        if unknown:
            raise ValidationError({name: [UNKNOWN_PARAMETER] for name in unknown})


class BodyOnlyWhereTaken:
    """For a view: an operation declared `takes_body = False` refuses a body (400, naming its
    fields) rather than ignore it: {"dry_run": true} sent to a newsletter's publish had the
    issue sent to every subscriber. An @action declares it: `@action(…, takes_body=False)`;
    the schema then shows no body (common.schema.ApiSchema)."""

    takes_body = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # who may ask is answered first
        if not self.takes_body and operation_answers(self, request):
            refuse_any_body(request)


def operation_answers(view, request) -> bool:
    """Whether the operation itself answers, so that its input is checked: a method it lacks
    is answered 405 whatever it was sent, and OPTIONS describes it."""
    return request.method != "OPTIONS" and hasattr(view, request.method.lower())


class StrictQueryParameters(BaseFilterBackend):
    """Query parameters as the schema states them, on lists and single rows: a parameter the
    operation does not have, one given twice, an empty value where a date, a number or a
    choice is expected, or a yes/no other than `true`/`false` is refused (400, naming it),
    instead of being silently ignored so that every row is answered. The other backends and
    the paginator say which parameters exist, as they do for the schema."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) not in ("list", "retrieve"):
            return queryset  # other actions read their own parameters (an export's `output`)
        filters = self.known(queryset, view)
        problems = {}
        for name, values in request.query_params.lists():
            problem = self.problem(filters, name, values)
            if problem:
                problems[name] = [problem]
        if problems:
            raise ValidationError(problems)
        return queryset

    @staticmethod
    def problem(filters: dict, name: str, values: list[str]) -> str | None:
        if name not in filters:
            return UNKNOWN_PARAMETER
        if len(values) > 1:
            return "Give this parameter once."
        value, kind = values[0], filters[name]
        if "\x00" in value:
            return "Null characters are not allowed."
        if not value.strip() and not isinstance(kind, TextParameter):
            # An empty filter (spaces are stripped) would be ignored and answer every row
            # (`?country=` is not the meetings without a country): only a search or an
            # ordering may be empty.
            return "Give a value, or leave the parameter out."
        if isinstance(kind, django_filters.BooleanFilter) and value not in ("true", "false"):
            return "Give true or false."
        return None

    @staticmethod
    def known(queryset, view) -> dict:
        """{name: its filter, or what kind of parameter it is}."""
        names = {}
        for backend in view.filter_backends:
            if issubclass(backend, DjangoFilterBackend):
                filterset = backend().get_filterset_class(view, queryset)
                names.update(filterset.base_filters if filterset else {})
            elif issubclass(backend, SearchFilter):
                names[backend.search_param] = TextParameter()
            elif issubclass(backend, OrderingFilter):
                names[backend.ordering_param] = TextParameter()
        paginator = view.paginator
        if paginator is not None and view.action == "list":
            # Numbers, checked by the paginator: 404 for a page past the last, 400 for a bad size.
            names[paginator.page_query_param] = NumberParameter()
            names[paginator.page_size_query_param] = NumberParameter()
        if view.action == "list" and getattr(view, "exportable", False):
            names["format"] = ExportFormat()  # its values are checked by common.exports
        return names


class FiltersWhenGiven(DjangoFilterBackend):
    """django-filter's backend, which builds its filter form only when the query names one of
    the list's filters.

    With none of them given every filter leaves the rows as they are (each skips an empty
    value; a filter that did not would be a filter nobody asked for), and building the form,
    its fields and a copy of every filter cost a list as much as writing its page of 50 rows.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        if request.query_params.keys().isdisjoint(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)


class StableOrdering(OrderingFilter):
    """DRF's ordering by `?ordering=`, ties broken by the row's id, in the direction of the
    first field: rows that share a date came back in any order, so paging through them could
    show one twice and another never. Without `?ordering=` a list keeps its own order, which
    ends with the id already."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or request.query_params.get(self.ordering_param) is None:
            return ordering
        if any(field.lstrip("-") in ("pk", "id") for field in ordering):
            return ordering
        return [*ordering, "-pk" if ordering[0].startswith("-") else "pk"]


class TextParameter:
    """Search and ordering: text, which may be empty."""


class NumberParameter:
    """Paging: a number, never empty."""


class ExportFormat:
    """A list's spreadsheet format: never empty."""


class VisibleIdFilter(IdFilter):
    """An id reached through a relation that leaves what the user sees (an organisation's
    projects are not all mine): the id counts only if `visible(user)` holds it, so a hidden row
    matches nothing, exactly like a missing one, instead of revealing what it is linked to."""

    def __init__(self, *args, visible, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible = visible

    def filter(self, queryset, value):
        if value is None:
            return queryset
        seen = self.visible(self.parent.request.user)
        # One filter() call: both conditions apply to the same related row.
        queryset = queryset.filter(**{self.field_name: value, f"{self.field_name}__in": seen})
        return queryset.distinct() if self.distinct else queryset
