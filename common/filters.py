import django_filters


class YesNoFilter(django_filters.ChoiceFilter):
    """`true` or `false`; anything else is a 400 rather than a filter silently ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[("true", "true"), ("false", "false")], **kwargs)

    def filter(self, queryset, value):
        if value in ("", None):
            return queryset
        return self.method(queryset, self.field_name, value == "true")
