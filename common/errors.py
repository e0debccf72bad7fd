"""The answers Django gives when no view could: JSON under /api/, the product's pages elsewhere.

The API's own refusals go through common.exceptions inside DRF; these cover what happens before
or around a view: an unknown address, a body too large to read, an error nothing caught.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(detail: str, status: int) -> JsonResponse:
    """The shape of every API error: {"detail": "..."}."""
    return JsonResponse({"detail": str(detail)}, status=status)


def bad_request(request, exception):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return api_error(
            _("The request is too large: send at most %(limit)s.") % {"limit": limit}, 400
        )
    return api_error(exceptions.ParseError.default_detail, 400)


def permission_denied(request, exception):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    # Services refuse with a message a person can act on; keep it.
    return api_error(str(exception) or exceptions.PermissionDenied.default_detail, 403)


def page_not_found(request, exception):
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return api_error(exceptions.NotFound.default_detail, 404)


def server_error(request):
    """Touches neither the database nor the session: they may be what failed.

    The page is rendered without the request, so no context processor runs.
    """
    if is_api(request):
        return api_error(exceptions.APIException.default_detail, 500)
    return HttpResponseServerError(loader.render_to_string("500.html"))
