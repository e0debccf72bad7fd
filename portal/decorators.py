from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from projects import access


def officer_required(view):
    """Signed in as a project officer; anyone else signed in gets a 403 page that says why."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.is_officer(request.user):
            raise PermissionDenied(_("This page is for project officers."))
        return view(request, *args, **kwargs)

    return wrapper
