from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def offered_languages() -> list[tuple[str, str]]:
    """Each language named in itself, as its readers look for it: "English" on a German page
    too (Django's own tag translates the names into the page's language)."""
    return settings.LANGUAGES
