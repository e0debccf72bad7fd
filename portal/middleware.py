from django.conf import settings
from django.utils import translation
from django_htmx.http import HttpResponseClientRedirect

from common.languages import reading_language
from partners.models import Person


def preferred_language(user) -> str | None:
    """The person's language, loaded with the user by projects.authentication when possible."""
    if hasattr(user, "_preferred_language"):
        return user._preferred_language
    return Person.objects.filter(user=user).values_list("preferred_language", flat=True).first()


class PreferredLanguageMiddleware:
    """Speak a signed-in person's chosen language until they pick one with the switch.

    LocaleMiddleware, which runs earlier, has already honoured the switch's cookie and the
    browser's Accept-Language; a language the person chose is what they asked for, so it wins
    whenever the switch has not been used. Someone who never chose keeps the browser's language;
    someone whose language the pages are not written in reads English, as their mails do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.user.is_authenticated:
            language = reading_language(preferred_language(request.user))
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class HtmxRedirectMiddleware:
    """A redirect answering an htmx request (sign in again, after the session expired) moves
    the whole page; followed inside htmx, the sign-in page would land inside a table row."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code in (301, 302, 303):
            return HttpResponseClientRedirect(response["Location"])
        return response
