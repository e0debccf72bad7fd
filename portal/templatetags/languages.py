from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def offered_languages() -> list[tuple[str, str]]:
    """Each language named in itself, as its readers look for it: "English" on a German page
    too (Django's own tag translates the names into the page's language)."""
    return settings.LANGUAGES


@register.filter
def label(text) -> str:
    """A label before its value, punctuated as the page's language writes it: "Period:",
    "Période :" (each catalogue carries its own typography)."""
    return _("%(label)s:") % {"label": text}
