from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """DRF's handler, plus the refusals that services and the database raise."""
    if isinstance(exc, DjangoValidationError):
        return Response(serializers.as_serializer_error(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(str(exc))  # a service's refusal keeps its reason
    if isinstance(exc, ProtectedError | RestrictedError):
        used_by = sorted(
            {str(type(obj)._meta.verbose_name_plural) for obj in exc.protected_objects}
        )
        return Response(
            {"detail": f"This is still used by {', '.join(used_by)}; change those first."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        # A database rule caught what validation did not (a concurrent change, most often).
        return Response(
            {"detail": f"This conflicts with data already stored: {str(exc).splitlines()[0]}"},
            status=status.HTTP_409_CONFLICT,
        )
    return exception_handler(exc, context)
