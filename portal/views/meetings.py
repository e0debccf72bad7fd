"""A project's meetings: plan one, change it, its participants and guests, who attended, its
minutes and action items. Whoever runs the project changes them; its partners read them; a
meeting one may not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import clock
from meetings.models import ActionItem, Meeting, Participation
from meetings.participant_counts import count_participants
from meetings.services import (
    add_action_item,
    add_guest,
    mark_guest_from_partner,
    plan_meeting,
    record_attendance,
    remove_guest,
    update_meeting,
)
from projects import access

from ..binding import posted
from ..forms.meetings import ActionItemForm, AttendanceForm, GuestForm, MeetingForm
from ..selectors import meeting_participations
from .meeting_evidence_context import evidence_context


def visible_meeting(request, pk: int) -> Meeting:
    meetings = Meeting.objects.visible_to(request.user).select_related(
        "project", "host_organisation"
    )
    return get_object_or_404(meetings, pk=pk)


def run_meeting(request, pk: int) -> Meeting:
    """A meeting the user may change: 404 when they may not see it, 403 when they may not
    change it (the services refuse them too)."""
    meeting = visible_meeting(request, pk)
    if not access.may_run_project(request.user, meeting.project_id):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may change its meetings.")
        )
    return meeting


def save_or_show_errors(form, save):
    """Run the service and return what it saved; its refusal lands on the form, beside the
    field it names, and nothing is kept (None)."""
    try:
        with transaction.atomic():
            return save()
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return None


@login_required
def meeting_new(request, pk: int):
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    if not access.may_run_project(request.user, project.pk):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may change its meetings.")
        )
    form = MeetingForm(posted(request), instance=Meeting(project=project), user=request.user)
    if request.method == "POST" and form.is_valid():
        meeting = save_or_show_errors(
            form,
            lambda: plan_meeting(
                project=project,
                planned_by=request.user,
                invited=form.cleaned_data["participants"],
                **form.values(),
            ),
        )
        if meeting:
            messages.success(
                request, _("The meeting “%(title)s” is planned.") % {"title": meeting.title}
            )
            return redirect("meeting-detail", meeting.pk)
    return render(
        request,
        "portal/meeting_form.html",
        {"form": form, "project": project, "meeting": None},
        status=400 if form.errors else 200,
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = run_meeting(request, pk)
    form = MeetingForm(posted(request), instance=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: update_meeting(
                meeting=meeting,
                changed_by=request.user,
                invited=form.cleaned_data["participants"],
                **form.values(),
            ),
        )
        if saved:
            messages.success(request, _("The meeting is saved."))
            return redirect("meeting-detail", meeting.pk)
    return render(
        request,
        "portal/meeting_form.html",
        {"form": form, "project": meeting.project, "meeting": meeting},
        status=400 if form.errors else 200,
    )


def detail_context(request, meeting: Meeting, **forms) -> dict:
    """Everything the meeting's page shows, in a fixed number of queries."""
    participations = list(meeting_participations(meeting))
    guests = list(meeting.guests.all())
    items = list(meeting.action_items.select_related("owner").order_by("due_date", "pk"))
    today = clock.today()
    may_run = access.may_run_project(request.user, meeting.project_id)
    context = {
        "meeting": meeting,
        "participations": participations,
        # Outside people's details are for whoever runs the project; the others see counts.
        "guests": guests if may_run else [],
        "counts": count_participants(meeting),
        "action_items": items,
        "today": today,
        "may_run": may_run,
        "has_begun": meeting.start_date <= today,
    }
    context.update(evidence_context(request, meeting, may_run=may_run, **forms))
    if may_run:
        context["guest_form"] = forms.get("guest_form") or GuestForm()
        context["attendance_form"] = forms.get("attendance_form") or AttendanceForm(
            participations=participations, guests=guests
        )
        if meeting.project_id:
            context["item_form"] = forms.get("item_form") or ActionItemForm(
                instance=ActionItem(meeting=meeting), user=request.user
            )
    return context


@login_required
def meeting_detail(request, pk: int):
    meeting = visible_meeting(request, pk)
    return render(request, "portal/meeting_detail.html", detail_context(request, meeting))


def show_detail_errors(request, meeting, **forms):
    return render(
        request, "portal/meeting_detail.html", detail_context(request, meeting, **forms), status=400
    )


@login_required
@require_POST
def guest_add(request, pk: int):
    meeting = run_meeting(request, pk)
    form = GuestForm(request.POST, instance=None)
    form.instance.meeting = meeting
    if form.is_valid() and save_or_show_errors(
        form, lambda: add_guest(meeting=meeting, added_by=request.user, **form.cleaned_data)
    ):
        messages.success(
            request, _("%(name)s is on the list.") % {"name": form.cleaned_data["name"]}
        )
        return redirect("meeting-detail", meeting.pk)
    return show_detail_errors(request, meeting, guest_form=form)


@login_required
@require_POST
def guest_remove(request, pk: int, guest_pk: int):
    meeting = run_meeting(request, pk)
    guest = get_object_or_404(meeting.guests.select_related("meeting"), pk=guest_pk)
    remove_guest(guest=guest, removed_by=request.user)
    messages.success(request, _("%(name)s is off the list.") % {"name": guest.name})
    return redirect("meeting-detail", meeting.pk)


@login_required
@require_POST
def guest_from_partner(request, pk: int, guest_pk: int):
    """Mark a guest as from a partner organisation (or not): the eligible count follows."""
    meeting = run_meeting(request, pk)
    guest = get_object_or_404(meeting.guests.select_related("meeting"), pk=guest_pk)
    from_partner = request.POST.get("from_partner") == "yes"
    mark_guest_from_partner(guest=guest, from_partner=from_partner, marked_by=request.user)
    messages.success(
        request,
        _("The guest is counted among the partners' people.")
        if from_partner
        else _("The guest is counted as from outside the partners."),
    )
    return redirect("meeting-detail", meeting.pk)


@login_required
@require_POST
def attendance(request, pk: int):
    meeting = run_meeting(request, pk)
    participations = list(Participation.objects.filter(meeting=meeting).select_related("person"))
    guests = list(meeting.guests.all())
    form = AttendanceForm(request.POST, participations=participations, guests=guests)
    if form.is_valid() and save_or_show_errors(
        form,
        lambda: record_attendance(
            meeting=meeting,
            recorded_by=request.user,
            people_ids=form.cleaned_data["people"],
            guest_ids=form.cleaned_data["guests"],
            today=clock.today(),
        ),
    ):
        messages.success(request, _("Attendance is recorded."))
        return redirect("meeting-detail", meeting.pk)
    return show_detail_errors(request, meeting, attendance_form=form)


@login_required
@require_POST
def action_item_add(request, pk: int):
    """Add an action in place (htmx swaps the list and a fresh form) or as a plain form."""
    meeting = run_meeting(request, pk)
    if meeting.project_id is None:
        raise PermissionDenied(_("Action items here belong to a project's meetings."))
    form = ActionItemForm(request.POST, instance=ActionItem(meeting=meeting), user=request.user)
    saved = form.is_valid() and save_or_show_errors(
        form,
        lambda: add_action_item(meeting=meeting, added_by=request.user, **form.cleaned_data),
    )
    if request.htmx:
        context = detail_context(
            request,
            meeting,
            item_form=None if saved else form,
        )
        context["just_added"] = saved
        return render(
            request, "portal/meeting_action_items.html", context, status=200 if saved else 400
        )
    if saved:
        messages.success(request, _("The action item is added."))
        return redirect("meeting-detail", meeting.pk)
    return show_detail_errors(request, meeting, item_form=form)
