"""Request bodies read strictly: a multipart body that holds no part is refused, not taken as
"no fields" (which would answer 200 to a body that is not what its Content-Type says)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import MultiPartParser


class StrictMultiPartParser(MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        request = parser_context["request"]
        sent = int(request.META.get("CONTENT_LENGTH") or 0)
        if sent and not parsed.data and not parsed.files:
            raise ParseError(
                _("The body is not multipart/form-data as its Content-Type says: it has no part.")
            )
        return parsed
