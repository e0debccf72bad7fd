"""A meeting's evidence: its printable attendance sheet, the signed scan, the online sign-in's
link and QR code, and erasing a participant. Who runs the project changes them; its members
print the sheet and read the scans; a meeting one may not see answers 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.attendance_sheet import attendance_sheet_pdf
from meetings.event_sign_in import close_sign_in, open_sign_in
from meetings.models import OnlineSignIn, SignedSheet
from meetings.services import erase_guest
from meetings.signed_sheets import (
    may_print_sheet,
    may_see_signed_sheets,
    remove_signed_sheet,
    upload_signed_sheet,
)
from projects import access

from ..forms.meeting_evidence import OpenSignInForm, SignedSheetForm
from .meeting_evidence_context import sign_in_link, sign_in_qr_file
from .meetings import run_meeting, save_or_show_errors, show_detail_errors, visible_meeting


def member_meeting(request, pk: int):
    """A meeting of a project the user is a member of (or an officer): 404 otherwise, as a
    participant from outside the project reads the meeting but not its evidence."""
    meeting = visible_meeting(request, pk)
    if not may_print_sheet(request.user, meeting):
        raise Http404
    return meeting


def sheets_meeting(request, pk: int):
    """A meeting whose signed scans the user may read: 404 outside the project, 403 for its
    partners (the scans hold outside people's names and signatures)."""
    meeting = member_meeting(request, pk)
    if not may_see_signed_sheets(request.user, meeting):
        raise PermissionDenied(
            _("Only project officers and the project's coordinator may open the signed sheets.")
        )
    return meeting


@login_required
def attendance_sheet(request, pk: int):
    """The sheet to print, in ?lang= or the reader's language. Outside people's names are
    printed for those who may see them (who runs the project); others get blank lines."""
    meeting = member_meeting(request, pk)
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    pdf = attendance_sheet_pdf(
        meeting,
        language=language,
        with_guests=access.may_run_project(request.user, meeting.project_id),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(meeting.title)[:60] or "meeting"
    response["Content-Disposition"] = f'inline; filename="attendance-{name}.pdf"'
    return response


@login_required
@require_POST
def signed_sheet_upload(request, pk: int):
    meeting = run_meeting(request, pk)
    form = SignedSheetForm(request.POST, request.FILES)
    if form.is_valid() and save_or_show_errors(
        form,
        lambda: upload_signed_sheet(
            meeting=meeting, upload=form.cleaned_data["file"], uploaded_by=request.user
        ),
    ):
        messages.success(request, _("The signed sheet is kept as evidence."))
        return redirect("meeting-detail", meeting.pk)
    return show_detail_errors(request, meeting, sheet_form=form)


@login_required
def signed_sheet_download(request, pk: int, sheet_pk: int):
    meeting = sheets_meeting(request, pk)
    sheet = get_object_or_404(SignedSheet, meeting=meeting, pk=sheet_pk)
    try:
        stored = sheet.file.open("rb")
    except FileNotFoundError:
        raise Http404("The scan is missing from storage.") from None
    # Downloaded, never shown in the site's own origin.
    return FileResponse(
        stored,
        as_attachment=True,
        filename=sheet.original_filename,
        content_type="application/octet-stream",
    )


@login_required
def signed_sheet_remove(request, pk: int, sheet_pk: int):
    """Ask, then remove a scan uploaded by mistake (a page of its own: no script needed)."""
    meeting = sheets_meeting(request, pk)
    sheet = get_object_or_404(SignedSheet, meeting=meeting, pk=sheet_pk)
    if request.method == "POST":
        remove_signed_sheet(sheet=sheet, removed_by=request.user)
        messages.success(
            request,
            _("The signed sheet “%(name)s” is removed.") % {"name": sheet.original_filename},
        )
        return redirect("meeting-detail", meeting.pk)
    return render(request, "portal/signed_sheet_remove.html", {"meeting": meeting, "sheet": sheet})


@login_required
def guest_erase(request, pk: int, guest_pk: int):
    """Ask first (a page of its own, no script needed), then erase on the person's request."""
    meeting = run_meeting(request, pk)
    guest = get_object_or_404(
        meeting.guests.select_related("meeting").filter(erased=False), pk=guest_pk
    )
    if request.method != "POST":
        return render(request, "portal/guest_erase.html", {"meeting": meeting, "guest": guest})
    erase_guest(guest=guest, erased_by=request.user)
    messages.success(
        request,
        _(
            "The participant's name and e-mail address are erased. Their organisation, country, "
            "type and attendance stay, so the meeting's counts do not change."
        ),
    )
    return redirect("meeting-detail", meeting.pk)


@login_required
@require_POST
def sign_in_open(request, pk: int):
    meeting = run_meeting(request, pk)
    form = OpenSignInForm(request.POST)
    if form.is_valid() and save_or_show_errors(
        form,
        lambda: open_sign_in(
            meeting=meeting, opened_by=request.user, language=form.cleaned_data["language"]
        ),
    ):
        messages.success(request, _("The online sign-in is open on the event's days."))
        return redirect("meeting-detail", meeting.pk)
    return show_detail_errors(request, meeting, sign_in_form=form)


@login_required
@require_POST
def sign_in_close(request, pk: int):
    meeting = run_meeting(request, pk)
    close_sign_in(meeting=meeting, closed_by=request.user)
    messages.success(request, _("The online sign-in is closed."))
    return redirect("meeting-detail", meeting.pk)


@login_required
def sign_in_qr_svg(request, pk: int):
    """The QR code alone, to print on a poster at the door."""
    meeting = run_meeting(request, pk)
    sign_in = get_object_or_404(OnlineSignIn, meeting=meeting)
    svg = sign_in_qr_file(sign_in_link(request, sign_in), scale=10)
    response = HttpResponse(svg, content_type="image/svg+xml")
    name = slugify(meeting.title)[:60] or "meeting"
    response["Content-Disposition"] = f'attachment; filename="sign-in-{name}.svg"'
    return response
