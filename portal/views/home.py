from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from projects import access


@login_required
def home(request):
    """Officers start on the dashboard, everyone else on their own work."""
    return redirect("dashboard" if access.is_officer(request.user) else "my-work")
