"""A partner contact's home: what their organisations owe, their action items, their meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import clock
from deliverables.models import Deliverable
from deliverables.services import submit_deliverable
from meetings.models import ActionItem, Meeting
from meetings.services import complete_action_item
from partners.models import Person
from partners.services import feed_url, renew_calendar_token
from projects import access
from reminders.calendar import calendar_of

from ..binding import posted, posted_files
from ..forms import SubmissionForm
from ..kept import network_stamp, render_kept
from ..redirects import safe_next
from ..selectors import (
    LIST_LIMIT,
    awaiting_my_review,
    labelled,
    latest_request_for_changes,
    my_action_items,
    my_deliverables,
    my_next_meetings,
    projects_behind_my_work,
)

# The deliverables' table is paged: a partner in ten busy projects owes hundreds, and the page's
# cost followed them (the whole list is in the CSV and Excel downloads).
DELIVERABLES_PER_PAGE = LIST_LIMIT
# The columns the table writes: the rows came with every column of the deliverable, its
# project, lead and work package, translations included, two fifths of the list's CPU (the
# downloads keep the whole rows; a query-count test fails if a row needs one more).
TABLE_COLUMNS = [
    "code", "title", "status", "due_date", "project__acronym", "lead_organisation__short_name",
]  # fmt: skip


@login_required
def my_work(request):
    """Drawn again once anything changes in the projects it reads from (what one owes, reviews,
    takes part in) or in the network (its own meetings, names: projects/db_rules.py), else
    kept."""
    person = Person.objects.filter(user=request.user).first()
    return render_kept(
        request,
        "portal/my_work_content.html",
        lambda: (
            feed_url(person) if person else None,
            *network_stamp(projects_behind_my_work(request.user)),
        ),
        lambda: my_work_page(request, person),
        title=_("My work"),
    )


def my_work_page(request, person: Person | None) -> dict:
    today = clock.today()
    return {
        "person": person,
        "today": today,
        "deliverables": Paginator(
            my_deliverables(request.user, today=today)
            .select_related(None)
            .select_related("project", "lead_organisation")
            .only(*TABLE_COLUMNS),
            DELIVERABLES_PER_PAGE,
        ).get_page(request.GET.get("page")),
        "awaiting_review": awaiting_my_review(request.user)[:LIST_LIMIT],
        "action_items": my_action_items(request.user),
        "meetings": my_next_meetings(request.user, today=today)[:LIST_LIMIT],
        "feed_url": feed_url(person) if person else None,
    }


@login_required
def submit(request, pk: int):
    """Hand in a deliverable as a link or a file. Projects one is not in answer 404."""
    visible = Deliverable.objects.filter(project__in=access.visible_project_ids(request.user))
    deliverable = get_object_or_404(labelled(visible), pk=pk)
    if not access.may_submit(request.user, deliverable):  # no form to whom the service refuses
        raise PermissionDenied(
            _("Only the lead organisation's contacts, the coordinator or an officer may submit.")
        )
    form = SubmissionForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            submit_deliverable(
                deliverable=deliverable,
                submitted_by=request.user,
                link=form.cleaned_data["link"],
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as refusal:
            form.add_error(None, refusal.messages)
        else:
            messages.success(
                request,
                _("%(code)s is submitted and awaits the coordinator's approval.")
                % {"code": deliverable.code},
            )
            return redirect(safe_next(request, "my-work"))
    return render(
        request,
        "portal/submit.html",
        {
            "deliverable": deliverable,
            "form": form,
            "today": clock.today(),
            "next": safe_next(request, ""),
            "submissions": deliverable.submissions.select_related("submitted_by__person")[:10],
            "changes_asked": latest_request_for_changes(deliverable),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def complete_action(request, pk: int):
    # Only one's own items: anyone else's answers 404, like a foreign project's.
    mine = ActionItem.objects.filter(owner__user=request.user)
    item = get_object_or_404(mine.select_related("meeting__project", "owner"), pk=pk)
    complete_action_item(item=item, completed_by=request.user)
    if request.htmx:
        return render(
            request,
            "portal/action_item_row.html",
            {"item": item, "today": clock.today()},
        )
    messages.success(request, _("Marked done: %(item)s") % {"item": item.description})
    return redirect("my-work")


@login_required
def meeting_ics(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    response = HttpResponse(calendar_of([meeting]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def renew_feed(request):
    person = get_object_or_404(Person, user=request.user)
    renew_calendar_token(person=person)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("my-work")
