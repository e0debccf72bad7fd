"""Form fields the admin and the pages share for a project's own data."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.validators import is_whole_number


class ReminderDaysField(forms.CharField):
    """Lead times typed as people write them, "30, 14, 7", kept as the list [30, 14, 7].

    Only the reading of the text is checked here; what a valid list is (days from 1 to 365, each
    once) is the model's rule, checked when the project is validated.
    """

    default_error_messages = {
        "invalid": _("Write whole numbers of days separated by commas, e.g. 30, 14, 7."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Days before, separated by commas, e.g. 30, 14, 7."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(days) for days in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return []
        parts = [part for part in re.split(r"[,;\s]+", text) if part]
        if not all(is_whole_number(part) for part in parts):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return [int(part) for part in parts]
        except ValueError:  # more digits than int() reads (4,300)
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
