from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.templatetags.static import static

from projects import access


@login_required
def home(request):
    """Officers start on the dashboard, everyone else on their own work."""
    return redirect("dashboard" if access.is_officer(request.user) else "my-work")


def favicon(request):
    """Browsers ask every site for /favicon.ico, on the admin's and the API docs' pages too."""
    return redirect(static("portal/favicon.svg"))
