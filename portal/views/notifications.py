"""The reader's notices, and each project's activity: who changed what, and when."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from activity.services import mark_all_read, open_notification
from projects import access

from ..notices import EVENTS_PER_PAGE, NOTICES_PER_PAGE, notices_of, project_events


@login_required
@require_GET
def notification_list(request):
    notices = Paginator(notices_of(request.user), NOTICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/notifications.html", {"notices": notices})


@login_required
@require_GET
def notification_open(request, pk: int):
    """Mark the notice read and go to its page; another's notice, or one about a project the
    reader no longer sees, answers 404."""
    notice = get_object_or_404(notices_of(request.user), pk=pk)
    open_notification(notification=notice)
    link = notice.event.link
    if not url_has_allowed_host_and_scheme(link, allowed_hosts=None) or not link.startswith("/"):
        link = reverse("project-activity", args=[notice.event.project_id])
    return redirect(link)


@login_required
@require_POST
def notifications_read(request):
    marked = mark_all_read(reader=request.user)
    if marked:
        messages.success(request, _("Every notice is marked read."))
    return redirect("notifications")


@login_required
@require_GET
def project_activity(request, pk: int):
    """Who changed what in the project, newest first; whoever sees the project sees this."""
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    events = Paginator(project_events(project.pk), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/project_activity.html", {"project": project, "events": events})
