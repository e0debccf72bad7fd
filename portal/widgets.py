"""Widgets written in Python rather than through Django's widget templates."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A single select whose options are written in Python.

    Django renders a select through a template per option (and one for each option's
    attributes): the project page's filters, a few dozen options, were a tenth of its
    rendering. Same markup as Django's, without the blank lines; option groups and multiple
    selects, which no filter here uses, go Django's way.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if self.allow_multiple_selected or any(group for group, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            f'\n  <option value="{escape(option["value"])}"{flatatt(option["attrs"])}>'
            f"{escape(option['label'])}</option>"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        attributes = flatatt(widget["attrs"])
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}\n</select>')
