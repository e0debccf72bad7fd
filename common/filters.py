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
