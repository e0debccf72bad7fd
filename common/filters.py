import django_filters
from django import forms


class YesNoFilter(django_filters.ChoiceFilter):
    """`true` or `false`; anything else is a 400 rather than a filter silently ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[("true", "true"), ("false", "false")], **kwargs)

    def filter(self, queryset, value):
        if value in ("", None):
            return queryset
        return self.method(queryset, self.field_name, value == "true")


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number in range. An id one may not see simply matches nothing,
    exactly like an id that does not exist."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)
