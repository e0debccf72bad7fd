from django.conf import settings
from django.utils import translation

from partners.models import Person

OFFERED_LANGUAGES = {code for code, _ in settings.LANGUAGES}


def preferred_language(user) -> str | None:
    """The person's language, loaded with the user by projects.authentication when possible."""
    if hasattr(user, "_preferred_language"):
        return user._preferred_language
    return Person.objects.filter(user=user).values_list("preferred_language", flat=True).first()


class PreferredLanguageMiddleware:
    """Speak a signed-in person's preferred language until they pick one with the switch.

    LocaleMiddleware, which runs earlier, has already honoured the switch's cookie and the
    browser's Accept-Language; a person's own setting is a better guess than the browser's, so it
    wins whenever the switch has not been used. Languages the pages are not written in (German,
    say) leave LocaleMiddleware's choice in place.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.user.is_authenticated:
            language = preferred_language(request.user)
            if language in OFFERED_LANGUAGES:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
